/* demo_data.c - the documented examples and the values `ecskp demo` must reproduce. */
#include "demo_data.h"

#define DOC "documented"
#define PY "computed (Python hmac, conformance/tools/reference.py)"

/* The common parameters of the documented signing example (ECS "Request signatures"). */
#define SIGNING_COMMON                                                                             \
    "\"AccessKeyId\":\"testid\",\"Format\":\"XML\",\"SignatureMethod\":\"HMAC-SHA1\","             \
    "\"SignatureNonce\":\"3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\",\"SignatureVersion\":\"1.0\","    \
    "\"Timestamp\":\"2016-02-23T12:46:24Z\",\"Version\":\"2014-05-26\""

const demo_request demo_requests[] = {
    {"AttachKeyPair request example",
     "AttachKeyPair API reference, Examples: Request example",
     DEMO_QUERY,
     "{\"Action\":\"AttachKeyPair\",\"RegionId\":\"cn-qingdao\",\"KeyPairName\":\"test\","
     "\"InstanceIds\":[\"i-XXXXX\"]}",
     NULL,
     NULL,
     NULL,
     {{"canonical_query",
       "Action=AttachKeyPair&InstanceIds=%5B%22i-XXXXX%22%5D&KeyPairName=test&RegionId=cn-qingdao",
       PY}}},
    {"AttachKeyPair request example, signed (GET) with the signing example's common parameters",
     "AttachKeyPair Request example + ECS Request signatures (testid/testsecret)",
     DEMO_SIGN_V1,
     "{\"Action\":\"AttachKeyPair\",\"RegionId\":\"cn-qingdao\",\"KeyPairName\":\"test\","
     "\"InstanceIds\":[\"i-XXXXX\"]," SIGNING_COMMON "}",
     "GET",
     "testsecret",
     NULL,
     {{"string_to_sign",
       "GET&%2F&AccessKeyId%3Dtestid%26Action%3DAttachKeyPair%26Format%3DXML%26InstanceIds%3D%255B"
       "%2522i-XXXXX%2522%255D%26KeyPairName%3Dtest%26RegionId%3Dcn-qingdao%26SignatureMethod%3DHM"
       "AC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0%2"
       "6Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
       PY},
      {"signature", "TA5FyTOfIl6JTN0WA8ywSeVoJQk=", PY}}},
    {"DetachKeyPair request example",
     "DetachKeyPair API reference, Sample requests and parameter examples",
     DEMO_QUERY,
     "{\"Action\":\"DetachKeyPair\",\"RegionId\":\"cn-hangzhou\",\"KeyPairName\":"
     "\"FinanceJoshuaV26\",\"InstanceIds\":\"[\\\"i-xxxxxxx\\\", \\\"i-yyyyyyy\\\"]\"}",
     NULL,
     NULL,
     NULL,
     {{"canonical_query",
       "Action=DetachKeyPair&InstanceIds=%5B%22i-xxxxxxx%22%2C%22i-yyyyyyy%22%5D&KeyPairName="
       "FinanceJoshuaV26&RegionId=cn-hangzhou",
       PY}}},
    {"DetachKeyPair request example, signed (GET) with the signing example's common parameters",
     "DetachKeyPair Sample requests + ECS Request signatures (testid/testsecret)",
     DEMO_SIGN_V1,
     "{\"Action\":\"DetachKeyPair\",\"RegionId\":\"cn-hangzhou\",\"KeyPairName\":"
     "\"FinanceJoshuaV26\",\"InstanceIds\":[\"i-xxxxxxx\",\"i-yyyyyyy\"]," SIGNING_COMMON "}",
     "GET",
     "testsecret",
     NULL,
     {{"signature", "i42cxV0XRI21sPwnJK4MqOB4TXs=", PY}}},
    {"DescribeRegions signature 1.0 example",
     "ECS Request signatures, worked example (api-facts section 2)",
     DEMO_SIGN_V1,
     "{\"Action\":\"DescribeRegions\"," SIGNING_COMMON "}",
     "GET",
     "testsecret",
     NULL,
     {{"canonical_query",
       "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&"
       "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-"
       "02-23T12%3A46%3A24Z&Version=2014-05-26",
       DOC},
      {"string_to_sign",
       "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%"
       "3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1"
       ".0%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26",
       DOC},
      {"signature", "OLeaidS1JvxuMvnyHOwuJ+uX5qY=", DOC},
      {"signed_query",
       "AccessKeyId=testid&Action=DescribeRegions&Format=XML&SignatureMethod=HMAC-SHA1&"
       "SignatureNonce=3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf&SignatureVersion=1.0&Timestamp=2016-"
       "02-23T12%3A46%3A24Z&Version=2014-05-26&Signature=OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D",
       "documented (the wire signature OLeaidS1JvxuMvnyHOwuJ%2BuX5qY%3D)"}}},
    {"DescribeRegions erratum: the parameter spelled TimeStamp",
     "api-facts section 2, known errata (an older page prints this signature)",
     DEMO_SIGN_V1,
     "{\"AccessKeyId\":\"testid\",\"Action\":\"DescribeRegions\",\"Format\":\"XML\","
     "\"SignatureMethod\":\"HMAC-SHA1\",\"SignatureNonce\":\"3ee8c1b8-83d3-44af-a94f-"
     "4e0ad82fd6cf\",\"SignatureVersion\":\"1.0\",\"TimeStamp\":\"2016-02-23T12:46:24Z\","
     "\"Version\":\"2014-05-26\"}",
     "GET",
     "testsecret",
     NULL,
     {{"signature", "CT9X0VtwR86fNWSnsc6v8YGOjuE=", DOC}}},
    {"RunInstances V3 (ACS3-HMAC-SHA256) example",
     "V3 signature documentation, worked example (api-facts section 3)",
     DEMO_SIGN_V3,
     "{\"Action\":\"RunInstances\",\"Version\":\"2014-05-26\",\"ImageId\":"
     "\"win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd\",\"RegionId\":\"cn-shanghai\","
     "\"Timestamp\":\"2023-10-26T10:22:32Z\",\"SignatureNonce\":"
     "\"3156853299f313e23d1673dc12e1703d\",\"AccessKeyId\":\"YourAccessKeyId\"}",
     "POST",
     "YourAccessKeySecret",
     "ecs.cn-shanghai.aliyuncs.com",
     {{"signed_headers",
       "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version",
       DOC},
      {"hashed_canonical_request",
       "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259", DOC},
      {"signature", "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0", DOC},
      {"authorization",
       "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;x-acs-content-"
       "sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=06563a9e1b43f5dfe96b81484d"
       "a74bceab24a1d853912eee15083a6f0f3283c0",
       "documented parts (Credential, SignedHeaders, Signature) joined"}}},
};
const size_t demo_request_count = sizeof demo_requests / sizeof demo_requests[0];

#define SUCCESS_4ADF                                                                               \
    "{\"RequestId\":\"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\"TotalCount\":2,\"FailCount\":0,"    \
    "\"Results\":[{\"InstanceId\":\"i-m5eg7be9ndloji64****\",\"Code\":\"200\",\"Message\":"        \
    "\"successful\",\"Success\":true},{\"InstanceId\":\"i-m5e25x2mwr0hk33d****\",\"Code\":"        \
    "\"200\",\"Message\":\"successful\",\"Success\":true}]}"
#define SUCCESS_834B                                                                               \
    "{\"RequestId\":\"834B3E6B-2D1D-482F-81A4-810C327D4735\",\"TotalCount\":2,\"FailCount\":0,"    \
    "\"Results\":[{\"InstanceId\":\"i-m5eg7be9ndloji64****\",\"Code\":\"200\",\"Message\":"        \
    "\"successful\",\"Success\":true},{\"InstanceId\":\"i-m5e25x2mwr0hk33d****\",\"Code\":"        \
    "\"200\",\"Message\":\"successful\",\"Success\":true}]}"
#define PARTIAL                                                                                    \
    "{\"RequestId\":\"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\"TotalCount\":2,\"FailCount\":1,"    \
    "\"Results\":[{\"InstanceId\":\"i-m5eg7be9ndloji64****\",\"Code\":\"200\",\"Message\":"        \
    "\"successful\",\"Success\":true},{\"InstanceId\":\"i-m5e25x2mwr0hk33d****\",\"Code\":"        \
    "\"DependencyViolation.WindowsInstance\",\"Message\":\"The instance creating is windows, "     \
    "cannot use ssh key pair to login\",\"Success\":false}]}"

const demo_body demo_bodies[] = {
    {"AttachKeyPair success (newer page), XML", "api-facts section 4, documented newer example",
     "AttachKeyPair", "xml", 200,
     "<AttachKeyPairResponse>\n"
     "  <TotalCount>2</TotalCount>\n"
     "  <RequestId>4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06</RequestId>\n"
     "  <Results>\n"
     "    <Result>\n"
     "      <Message>successful</Message>\n"
     "      <InstanceId>i-m5eg7be9ndloji64****</InstanceId>\n"
     "      <Success>true</Success>\n"
     "      <Code>200</Code>\n"
     "    </Result>\n"
     "    <Result>\n"
     "      <Message>successful</Message>\n"
     "      <InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>\n"
     "      <Success>true</Success>\n"
     "      <Code>200</Code>\n"
     "    </Result>\n"
     "  </Results>\n"
     "  <FailCount>0</FailCount>\n"
     "</AttachKeyPairResponse>\n",
     SUCCESS_4ADF, DOC},
    {"AttachKeyPair success (newer page), JSON", "api-facts section 4, documented newer example",
     "AttachKeyPair", "json", 200,
     "{\"TotalCount\": 2, \"RequestId\": \"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\n"
     " \"Results\": {\"Result\": [\n"
     "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", \"Success\": "
     "true, \"Code\": \"200\"},\n"
     "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5e25x2mwr0hk33d****\", \"Success\": "
     "true, \"Code\": \"200\"}]},\n"
     " \"FailCount\": 0}\n",
     SUCCESS_4ADF, DOC},
    {"DetachKeyPair success, XML",
     "api-facts section 4 (DetachKeyPair: root DetachKeyPairResponse, its RequestId)",
     "DetachKeyPair", "xml", 200,
     "<DetachKeyPairResponse>\n"
     "  <TotalCount>2</TotalCount>\n"
     "  <RequestId>834B3E6B-2D1D-482F-81A4-810C327D4735</RequestId>\n"
     "  <Results>\n"
     "    <Result>\n"
     "      <Message>successful</Message>\n"
     "      <InstanceId>i-m5eg7be9ndloji64****</InstanceId>\n"
     "      <Success>true</Success>\n"
     "      <Code>200</Code>\n"
     "    </Result>\n"
     "    <Result>\n"
     "      <Message>successful</Message>\n"
     "      <InstanceId>i-m5e25x2mwr0hk33d****</InstanceId>\n"
     "      <Success>true</Success>\n"
     "      <Code>200</Code>\n"
     "    </Result>\n"
     "  </Results>\n"
     "  <FailCount>0</FailCount>\n"
     "</DetachKeyPairResponse>\n",
     SUCCESS_834B, DOC},
    {"DetachKeyPair success, JSON", "api-facts section 4 (DetachKeyPair: same body, its RequestId)",
     "DetachKeyPair", "json", 200,
     "{\"TotalCount\": 2, \"RequestId\": \"834B3E6B-2D1D-482F-81A4-810C327D4735\",\n"
     " \"Results\": {\"Result\": [\n"
     "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5eg7be9ndloji64****\", \"Success\": "
     "true, \"Code\": \"200\"},\n"
     "   {\"Message\": \"successful\", \"InstanceId\": \"i-m5e25x2mwr0hk33d****\", \"Success\": "
     "true, \"Code\": \"200\"}]},\n"
     " \"FailCount\": 0}\n",
     SUCCESS_834B, DOC},
    {"AttachKeyPair success (older page: RequestId only), XML",
     "AttachKeyPair API reference, Response example, XML format", "AttachKeyPair", "xml", 200,
     "<AttachKeyPairResponse>\n"
     "    <RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E</RequestId>\n"
     "</AttachKeyPairResponse>\n",
     "{\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\"}", DOC},
    {"AttachKeyPair success (older page: RequestId only), JSON",
     "AttachKeyPair API reference, Response example, JSON format", "AttachKeyPair", "json", 200,
     "{\n    \"RequestId\": \"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\"\n}\n",
     "{\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\"}", DOC},
    {"Partial success (one Windows instance failed), JSON",
     "api-facts section 4, partial success: the documented shape with Success false and "
     "FailCount; the failure Code is not published, the Windows code of the error table is used",
     "AttachKeyPair", "json", 200,
     "{\"RequestId\":\"4ADF7A06-66BD-4FBF-A2ED-2364E41D8C06\",\"TotalCount\":2,\"FailCount\":1,"
     "\"Results\":{\"Result\":[{\"Message\":\"successful\",\"InstanceId\":"
     "\"i-m5eg7be9ndloji64****\",\"Success\":true,\"Code\":\"200\"},{\"Message\":\"The instance "
     "creating is windows, cannot use ssh key pair to login\",\"InstanceId\":"
     "\"i-m5e25x2mwr0hk33d****\",\"Success\":false,\"Code\":"
     "\"DependencyViolation.WindowsInstance\"}]}}",
     PARTIAL, "documented shape"},
    {"Partial success (one Windows instance failed), XML",
     "api-facts section 4, partial success (as above, XML)", "AttachKeyPair", "xml", 200,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?><AttachKeyPairResponse><RequestId>4ADF7A06-66BD-"
     "4FBF-A2ED-2364E41D8C06</RequestId><TotalCount>2</TotalCount><FailCount>1</FailCount>"
     "<Results><Result><Message>successful</Message><InstanceId>i-m5eg7be9ndloji64****"
     "</InstanceId><Success>true</Success><Code>200</Code></Result><Result><Message>The instance "
     "creating is windows, cannot use ssh key pair to login</Message><InstanceId>"
     "i-m5e25x2mwr0hk33d****</InstanceId><Success>false</Success><Code>"
     "DependencyViolation.WindowsInstance</Code></Result></Results></AttachKeyPairResponse>",
     PARTIAL, "documented shape"},
    {"API error, JSON (InvalidImageId.NotFound, with Recommend)",
     "api-facts section 5, documented JSON error", "AttachKeyPair", "json", 0,
     "{\"RequestId\": \"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\", \"HostId\": "
     "\"ecs.ap-southeast-3.aliyuncs.com\",\n \"Code\": \"InvalidImageId.NotFound\", \"Message\": "
     "\"The specified ImageId does not exist.\",\n \"Recommend\": "
     "\"https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&"
     "product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\"}\n",
     "{\"Error\":{\"RequestId\":\"6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\",\"HostId\":"
     "\"ecs.ap-southeast-3.aliyuncs.com\",\"Code\":\"InvalidImageId.NotFound\",\"Message\":"
     "\"The specified ImageId does not exist.\",\"Recommend\":"
     "\"https://api.alibabacloud.com/troubleshoot?intl_lang=EN_US&q=InvalidImageId.NotFound&"
     "product=Ecs&requestId=6BE56E05-XXXX-XXXX-XXXX-FD90C4FFD581\",\"Category\":\"not_found\","
     "\"Retryable\":false}}",
     DOC},
    {"API error, XML (MissingParameter.CommandId), HTTP 400",
     "api-facts section 5, documented XML error", "DetachKeyPair", "xml", 400,
     "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
     "<Error>\n"
     "  <RequestId>540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx</RequestId>\n"
     "  <HostId>ecs.aliyuncs.com</HostId>\n"
     "  <Code>MissingParameter.CommandId</Code>\n"
     "  <Message>The input parameter \"CommandId\" that is required for processing this request "
     "is not supplied.</Message>\n"
     "</Error>\n",
     "{\"Error\":{\"HttpStatus\":400,\"RequestId\":\"540CFF28-407A-40B5-B6A5-74Bxxxxxxxxx\","
     "\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"MissingParameter.CommandId\",\"Message\":\"The "
     "input parameter \\\"CommandId\\\" that is required for processing this request is not "
     "supplied.\",\"Category\":\"bad_request\",\"Retryable\":false}}",
     DOC},
    {"API error, XML (DependencyViolation.WindowsInstance), HTTP 403",
     "AttachKeyPair API reference, Error codes (code, message and status documented; the body "
     "is the documented error shape)",
     "AttachKeyPair", "xml", 403,
     "<Error><RequestId>473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E</RequestId><HostId>ecs.aliyuncs.com"
     "</HostId><Code>DependencyViolation.WindowsInstance</Code><Message>The instance creating "
     "this window, cannot use ssh key pair to login.</Message></Error>",
     "{\"Error\":{\"HttpStatus\":403,\"RequestId\":\"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E\","
     "\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"DependencyViolation.WindowsInstance\","
     "\"Message\":\"The instance creating this window, cannot use ssh key pair to login.\","
     "\"Category\":\"bad_request\",\"Retryable\":false}}",
     DOC},
};
const size_t demo_body_count = sizeof demo_bodies / sizeof demo_bodies[0];
