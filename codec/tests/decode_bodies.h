/* decode_bodies.h - shorthands and the documented response bodies shared by the decoding
 * tests (api-facts.md sections 4 and 5, AttachKeyPair.reference.md). Test-only. */
#ifndef ECSKP_TEST_DECODE_BODIES_H
#define ECSKP_TEST_DECODE_BODIES_H

#include "ecskp/decode.h"

#define JSON ECSKP_FORMAT_JSON
#define XML ECSKP_FORMAT_XML
#define ATTACH ECSKP_ACTION_ATTACH_KEY_PAIR
#define DETACH ECSKP_ACTION_DETACH_KEY_PAIR
#define ANY_OFFSET ((size_t)-2)
#define NONE ECSKP_NO_INDEX
#define NOOFF ECSKP_NO_OFFSET
#define DOC_XML(root, rid)                                                                         \
    "<" root ">\n"                                                                                 \
    "  <TotalCount>2</TotalCount>\n"                                                               \
    "  <RequestId>" rid "</RequestId>\n"                                                           \
    "  <Results>\n"                                                                                \
    "    <Result>\n"                                                                               \
    "      <Message>successful</Message>\n"                                                        \
    "      <InstanceId>i-m5eg7be9ndloji64****</InstanceId>\n"                                      \
    "      <Success>true</Success>\n"                                                              \
    "      <Code>200</Code>\n"                                                                     \
    "    </Result>\n"                                                                              \
    "    <Result>\n"                                                                               \
    "      <Message>successful</Message>\n"                                                        \
    "      <InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>\n"                                      \
    "      <Success>true</Success>\n"                                                              \
    "      <Code>200</Code>\n"                                                                     \
    "    </Result>\n"                                                                              \
    "  </Results>\n"                                                                               \
    "  <FailCount>0</FailCount>\n"                                                                 \
    "</" root ">\n"
#define DOC_JSON(rid)                                                                              \
    "{\"TotalCount\": 2, \"RequestId\": \"" rid "\",\n"                                            \
    " \"Results\": {\"Result\": [\n"                                                               \
    "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", \"Success\": "   \
    "true, \"Code\": \"200\"},\n"                                                                  \
    "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5e25x2mwr0hk33d****\", \"Success\": "   \
    "true, \"Code\": \"200\"}]},\n"                                                                \
    " \"FailCount\": 0}"
#define ATTACH_RID "4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06"
#define DETACH_RID "834B3E6B-2D1D-482F-81A4-810C327D4735"
#define OLD_RID "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"
#define OLD_XML                                                                                    \
    "<AttachKeyPairResponse>\n    <RequestId>" OLD_RID "</RequestId>\n</AttachKeyPairResponse>"
#define OLD_JSON "{\n    \"RequestId\": \"" OLD_RID "\"\n}"
#define ERR_JSON                                                                                   \
    "{\"RequestId\": \"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\", \"HostId\": "                       \
    "\"ecs.ap-southeast-3.aliyuncs.com\",\n"                                                       \
    " \"Code\": \"InvalidImageId.NotFound\", \"Message\": \"The specified ImageId does not "       \
    "exist.\",\n"                                                                                  \
    " \"Recommend\": "                                                                             \
    "\"https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&"       \
    "product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\"}"
#define ERR_XML                                                                                    \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"                                                 \
    "<Error>\n"                                                                                    \
    "  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n"                              \
    "  <HostId>ecs.aliyuncs.com</HostId>\n"                                                        \
    "  <Code>MissingParameter.CommandId</Code>\n"                                                  \
    "  <Message>The input parameter \"CommandId\" that is required for processing this "           \
    "request is not supplied.</Message>\n"                                                         \
    "</Error>"
#define XR(inner)                                                                                  \
    "<AttachKeyPairResponse><RequestId>R1</RequestId>" inner "</AttachKeyPairResponse>"

#endif
