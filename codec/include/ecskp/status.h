/* SPDX-License-Identifier: MIT */
/*
 * ecskp/status.h - the one status type of the library, its stable names, and diagnostics.
 *
 * Every fallible public function returns an ecskp_status. ECSKP_OK is 0; every other value is a
 * failure with a stable snake_case name (ecskp_status_name()). The names are a public contract:
 * the `ecskp` command prints them, the conformance suite expects them, and they never change
 * meaning once released. Numeric values may change between major versions; compare names or
 * enumerators, not numbers, across versions.
 *
 * An optional ecskp_diag receives details of a failure. It is a plain struct with fixed-size
 * buffers: filling it never allocates, and it holds no secret (signing functions never copy key
 * material into a diagnostic).
 *
 * Thread-safety: every function in this header is pure and may be called from any thread.
 */
#ifndef ECSKP_STATUS_H
#define ECSKP_STATUS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__) || defined(__clang__)
#define ECSKP_NODISCARD __attribute__((warn_unused_result))
#else
#define ECSKP_NODISCARD
#endif

#if defined(_WIN32) && defined(ECSKP_SHARED_BUILD)
#define ECSKP_API __declspec(dllexport)
#elif defined(__GNUC__) || defined(__clang__)
#define ECSKP_API __attribute__((visibility("default")))
#else
#define ECSKP_API
#endif

/* The ecskp_diag type is declared below; status functions that fill one need it first. */
typedef struct ecskp_diag ecskp_diag;

/*
 * X(ENUMERATOR_SUFFIX, "stable_name", "one-line meaning")
 *
 * General
 *   ok                      success
 *   invalid_argument        a required pointer was NULL, or an argument is out of its domain
 *   buffer_too_small        the caller's buffer cannot hold the output; *out_len says how much
 *                           is needed (see each function)
 *   out_of_memory           the allocator returned NULL; nothing was handed out, nothing leaked
 *   unsupported             the feature was left out of this build (e.g. signing without libcrypto)
 *
 * Request encoding (ecskp/encode.h)
 *   invalid_parameter_name  a name is empty or has a byte outside [A-Za-z0-9.]
 *   duplicate_parameter     a name occurs twice in one parameter list
 *   invalid_utf8            a value (or a body) is not valid UTF-8; diag.offset is the byte offset
 *   too_many_parameters     more than ECSKP_MAX_PARAMS parameters
 *   missing_parameter       a required parameter is absent or empty (Action, RegionId,
 *                           KeyPairName, InstanceIds, ...); diag.field names it
 *   misspelled_parameter    a known misspelling, e.g. `TimeStamp` (the name is `Timestamp`)
 *   invalid_action          the typed layer was given an Action other than Attach/DetachKeyPair
 *   invalid_parameter_value a typed-layer value is outside its documented domain (e.g. Format)
 *   invalid_timestamp       a Timestamp is not exactly yyyy-MM-ddTHH:mm:ssZ
 *   value_too_long          a typed value or a signer string is longer than its documented
 *                           maximum (ECSKP_MAX_VALUE_BYTES, ECSKP_MAX_SECURITY_TOKEN_BYTES, a
 *                           host of 255 bytes); diag.field names it
 *
 * InstanceIds (ecskp/encode.h)
 *   ids_malformed           the text is not one complete JSON value (syntax error, trailing bytes,
 *                           too long)
 *   ids_not_array           valid JSON, but not an array
 *   ids_empty               an empty array
 *   ids_too_many            more than ECSKP_MAX_INSTANCE_IDS; diag.index is the count
 *   ids_invalid_element     an element is not a string, empty, too long, or has a byte outside
 *                           printable ASCII / a space / `"` / `\`; diag.index is its index
 *   ids_duplicate           an ID occurs twice; diag.index is the second occurrence
 *
 * Signing (ecskp/sign.h)
 *   missing_secret          the AccessKeySecret is empty
 *   crypto_failure          the crypto backend reported an error
 *   random_failure          the operating system's random generator failed
 *
 * Response decoding (ecskp/decode.h)
 *   unsupported_format      the declared format is neither JSON nor XML
 *   empty_body              the body has no bytes (or only white space)
 *   body_too_large          the body exceeds limits.max_body_bytes
 *   nesting_too_deep        nesting exceeds limits.max_depth
 *   too_many_results        more Result entries than limits.max_results
 *   string_too_long         a string value exceeds limits.max_string_bytes
 *   malformed_body          a syntax error or truncation; diag.offset where the parser stopped
 *   trailing_data           bytes after the complete document
 *   nul_character           a NUL character, raw or escaped (`\u0000`, `&#0;`)
 *   unsupported_encoding    an XML encoding declaration other than UTF-8, or a byte-order mark
 *                           of another encoding
 *   dtd_refused             an XML document type declaration (any DOCTYPE, hence any entity)
 *   wrong_root              the root is neither the operation's response nor Error
 *   wrong_type              a known field has a type the API never sends; diag.field names it
 *   duplicate_field         a known field occurs twice in one object; diag.field names it
 *   number_out_of_range     a count is outside 0..2^31-1, a numeric Code outside -2^53..2^53,
 *                           or either is not an integer, judged by the body's digits
 *   missing_field           a field the shape requires is absent (e.g. Code in an error body)
 *   inconsistent_response   TotalCount/FailCount/Success/Code disagree with each other
 *   status_body_mismatch    the HTTP status says failure but the body is success-shaped
 *   too_many_nodes          more JSON values (or XML elements and attributes) than
 *                           limits.max_nodes, counted before any parser runs
 *   too_many_attributes     an XML start tag with more attributes than limits.max_attributes
 *   too_many_namespaces     more XML namespace declarations than limits.max_namespaces
 *   markup_too_long         an XML tag, comment, processing instruction or CDATA section longer
 *                           than limits.max_markup_bytes
 */
#define ECSKP_STATUS_LIST(X)                                                                       \
    X(OK, "ok", "success")                                                                         \
    X(ERR_INVALID_ARGUMENT, "invalid_argument", "invalid argument")                                \
    X(ERR_BUFFER_TOO_SMALL, "buffer_too_small", "output buffer too small")                         \
    X(ERR_OUT_OF_MEMORY, "out_of_memory", "out of memory")                                         \
    X(ERR_UNSUPPORTED, "unsupported", "feature not built")                                         \
    X(ERR_INVALID_PARAMETER_NAME, "invalid_parameter_name", "invalid parameter name")              \
    X(ERR_DUPLICATE_PARAMETER, "duplicate_parameter", "duplicate parameter")                       \
    X(ERR_INVALID_UTF8, "invalid_utf8", "invalid UTF-8")                                           \
    X(ERR_TOO_MANY_PARAMETERS, "too_many_parameters", "too many parameters")                       \
    X(ERR_MISSING_PARAMETER, "missing_parameter", "required parameter missing")                    \
    X(ERR_MISSPELLED_PARAMETER, "misspelled_parameter", "misspelled parameter name")               \
    X(ERR_INVALID_ACTION, "invalid_action", "unsupported Action")                                  \
    X(ERR_INVALID_PARAMETER_VALUE, "invalid_parameter_value", "invalid parameter value")           \
    X(ERR_INVALID_TIMESTAMP, "invalid_timestamp", "invalid Timestamp")                             \
    X(ERR_IDS_MALFORMED, "ids_malformed", "InstanceIds is not valid JSON")                         \
    X(ERR_IDS_NOT_ARRAY, "ids_not_array", "InstanceIds is not a JSON array")                       \
    X(ERR_IDS_EMPTY, "ids_empty", "InstanceIds is empty")                                          \
    X(ERR_IDS_TOO_MANY, "ids_too_many", "InstanceIds has more than 50 IDs")                        \
    X(ERR_IDS_INVALID_ELEMENT, "ids_invalid_element", "invalid instance ID")                       \
    X(ERR_IDS_DUPLICATE, "ids_duplicate", "duplicate instance ID")                                 \
    X(ERR_MISSING_SECRET, "missing_secret", "empty AccessKeySecret")                               \
    X(ERR_CRYPTO_FAILURE, "crypto_failure", "crypto backend failure")                              \
    X(ERR_RANDOM_FAILURE, "random_failure", "random generator failure")                            \
    X(ERR_UNSUPPORTED_FORMAT, "unsupported_format", "unsupported body format")                     \
    X(ERR_EMPTY_BODY, "empty_body", "empty body")                                                  \
    X(ERR_BODY_TOO_LARGE, "body_too_large", "body exceeds size limit")                             \
    X(ERR_NESTING_TOO_DEEP, "nesting_too_deep", "nesting exceeds depth limit")                     \
    X(ERR_TOO_MANY_RESULTS, "too_many_results", "too many Result entries")                         \
    X(ERR_STRING_TOO_LONG, "string_too_long", "string exceeds length limit")                       \
    X(ERR_MALFORMED_BODY, "malformed_body", "malformed body")                                      \
    X(ERR_TRAILING_DATA, "trailing_data", "trailing data after document")                          \
    X(ERR_NUL_CHARACTER, "nul_character", "NUL character in body")                                 \
    X(ERR_UNSUPPORTED_ENCODING, "unsupported_encoding", "unsupported character encoding")          \
    X(ERR_DTD_REFUSED, "dtd_refused", "document type declaration refused")                         \
    X(ERR_WRONG_ROOT, "wrong_root", "unexpected root")                                             \
    X(ERR_WRONG_TYPE, "wrong_type", "field has the wrong type")                                    \
    X(ERR_DUPLICATE_FIELD, "duplicate_field", "duplicate field")                                   \
    X(ERR_NUMBER_OUT_OF_RANGE, "number_out_of_range", "number out of range")                       \
    X(ERR_MISSING_FIELD, "missing_field", "required field missing")                                \
    X(ERR_INCONSISTENT_RESPONSE, "inconsistent_response", "response is inconsistent")              \
    X(ERR_STATUS_BODY_MISMATCH, "status_body_mismatch", "HTTP status contradicts body")            \
    X(ERR_TOO_MANY_NODES, "too_many_nodes", "too many values or elements")                         \
    X(ERR_TOO_MANY_ATTRIBUTES, "too_many_attributes", "too many attributes in one tag")            \
    X(ERR_TOO_MANY_NAMESPACES, "too_many_namespaces", "too many namespace declarations")           \
    X(ERR_MARKUP_TOO_LONG, "markup_too_long", "tag, comment, PI or CDATA section too long")        \
    X(ERR_VALUE_TOO_LONG, "value_too_long", "parameter value too long")

typedef enum ecskp_status {
#define ECSKP_X_ENUM(suffix, name, meaning) ECSKP_##suffix,
    ECSKP_STATUS_LIST(ECSKP_X_ENUM)
#undef ECSKP_X_ENUM
        ECSKP_STATUS_COUNT_ /* not a status; the number of statuses */
} ecskp_status;

/* Stable snake_case name of a status ("ok", "missing_parameter", ...); "unknown_status" for a
 * value outside the enum. The returned string is static. */
ECSKP_API const char *ecskp_status_name(ecskp_status status);

/* Short English meaning of a status, for humans ("unknown status" outside the enum). Static
 * string; not a contract. */
ECSKP_API const char *ecskp_status_meaning(ecskp_status status);

/* Parses a stable name back into its status. Errors: invalid_argument (out NULL: diag.field
 * "out"; name NULL or unknown: diag.field "name"). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_status_parse(const char *name, ecskp_status *out,
                                                          ecskp_diag *diag);

#define ECSKP_NO_OFFSET ((size_t)-1)
#define ECSKP_NO_INDEX ((size_t)-1)
#define ECSKP_DIAG_FIELD_SIZE 64
#define ECSKP_DIAG_MESSAGE_SIZE 256

/*
 * Details of a failure, filled by any function that takes an `ecskp_diag *` (NULL is allowed
 * everywhere and means "no details wanted"). On success the diag is reset: status ECSKP_OK,
 * empty field and message, no offset, no index. A field or message longer than its buffer is
 * cut to fit; both are always NUL-terminated.
 */
struct ecskp_diag {
    ecskp_status status;                   /* the status the function returned */
    const char *name;                      /* ecskp_status_name(status), never NULL */
    char field[ECSKP_DIAG_FIELD_SIZE];     /* parameter or field concerned, or "" */
    size_t offset;                         /* byte offset in the input, or ECSKP_NO_OFFSET */
    size_t index;                          /* element index or count, or ECSKP_NO_INDEX */
    char message[ECSKP_DIAG_MESSAGE_SIZE]; /* one line of English, no trailing newline */
};

/* Resets a diag to the success state. Safe on NULL. */
ECSKP_API void ecskp_diag_clear(ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_STATUS_H */
