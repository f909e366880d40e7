/* SPDX-License-Identifier: MIT */
/*
 * ecskp/decode.h - decoding AttachKeyPair/DetachKeyPair responses and API errors, in JSON and
 * XML, with limits, strict types and consistency checks.
 *
 * What goes in: the body bytes, the format the request asked for (Format=JSON or XML), the
 * operation, and the HTTP status when known. What comes out: either a refusal (an
 * ecskp_status with a diag saying where and why) or one ecskp_response that owns all of its
 * memory and is freed by ecskp_response_free().
 *
 * The order of work (each step bounds the next one):
 *   1. arguments; limits resolved (0 = default; above its cap -> invalid_argument);
 *      len > max_body_bytes -> body_too_large; no bytes, or only white space (space, tab, CR,
 *      LF), possibly after a UTF-8 byte-order mark -> empty_body;
 *   2. byte-level checks of the whole body before any parser runs: encoding, UTF-8, NUL;
 *   3. the structural pre-scan, also before any parser runs, which bounds what the parser
 *      will cost (see "Limits"): JSON nesting depth, JSON nodes and spelling; XML markup
 *      lengths, attributes per tag, namespace declarations and nodes, in body order;
 *   4. the parser: cJSON (JSON) or a streaming libxml2 SAX2 parser (XML; no tree is built);
 *   5. one field table shared by both formats maps names to typed fields;
 *   6. the shape (success or API error) and the HTTP status decision;
 *   7. consistency checks of successes.
 * The first failure stops the work and is the one reported. Within step 2 and 3 of JSON, the
 * encoding, UTF-8, NUL, depth and node checks anywhere in the body win over a spelling problem
 * (which is malformed_body). JSON is parsed whole before any field is read, so a syntax error
 * anywhere wins over a field problem; XML is read as a stream, so a field problem is reported
 * as soon as its element ends, before a syntax error further on that the pre-scan does not
 * see (the pre-scan refuses only markup it cannot follow: see "Limits").
 *
 * ------------------------------------------------------------------------------------------
 * Shapes
 *
 *   XML: the root element decides. `AttachKeyPairResponse` / `DetachKeyPairResponse` (the one
 *   matching options.action) is a success; `Error` is an API error; any other root, including
 *   the other operation's response, is wrong_root (diag.field = the root's name). An element
 *   with a namespace prefix never matches a known name (a prefixed root is wrong_root, a
 *   prefixed child is an unknown field); a default namespace declaration is ignored.
 *
 *   JSON: the top-level value must be an object (else wrong_type, diag.field "(root)"). It is
 *   error-shaped iff it has a top-level "Code" whose value is not "200" (a string, or an
 *   integer kept as its decimal text) and none of TotalCount, FailCount, Results, KeyPairName;
 *   otherwise it is success-shaped. A body is NOT an error merely because it has a Code (one
 *   official SDK made that mistake): `{"RequestId":"x","Code":"200"}` is a success.
 *
 * HTTP status decision (options.http_status; 0 = unknown; otherwise it must be 100..599):
 *   - 0: the shape decides.
 *   - 2xx with a success-shaped body: success.
 *   - non-2xx with an error-shaped body: API error, error.http_status set.
 *   - non-2xx with a success-shaped body: refused with status_body_mismatch. A success is never
 *     reported when HTTP said failure.
 *   - 2xx with an error-shaped body: API error with error.status_mismatch = 1. The body's
 *     error wins; it is never turned into a success.
 *   A bodiless reply (e.g. a bare 503) is empty_body: the caller already has the status.
 *
 * ------------------------------------------------------------------------------------------
 * Fields (names are case-sensitive; order is irrelevant; unknown fields are ignored and never
 * copied; a known field twice in one object/element is duplicate_field)
 *
 *   Success: RequestId (required: missing_field), KeyPairName, TotalCount, FailCount, Results,
 *            and a top-level Code (see the consistency checks).
 *   Result:  InstanceId, Code, Message, Success (each optional; see below).
 *   Error:   Code (required and non-empty: missing_field), RequestId, HostId, Message,
 *            Recommend, AccessDeniedDetail.
 *   Fields of the other shape are unknown fields of this one (an XML <Error> with a
 *   <TotalCount> child ignores it).
 *
 * diag.field names a field by its path: "RequestId", "TotalCount", "Results", "Result",
 * "Result.Code", "AccessDeniedDetail", ...; for Result fields diag.index is the Result's
 * index (0-based). diag.offset is exact for the byte-level checks (size, encoding, UTF-8, NUL,
 * JSON depth and spelling, trailing JSON); for libxml2's findings and XML field problems it is
 * where the parser stood (libxml2's byte count); for JSON field problems it is
 * ECSKP_NO_OFFSET, as cJSON keeps no positions.
 *
 * Types, as real servers and SDKs send them:
 *   - TotalCount, FailCount: a JSON integer number, or a string (JSON) / text (XML) of decimal
 *     digits, in 0..2^31-1. A JSON number is judged exactly by its digits, never through a
 *     double: 2, 2.0, 2e0 and 20e-1 are 2, -0 is 0, while 2147483647.0000000001 and 1e-400
 *     (which a double rounds into range or to 0) are not integers. A string must be `0` or
 *     `[1-9][0-9]*`: leading zeros ("007") are wrong_type, since readers disagree on them
 *     (octal); white space around digits is wrong_type. Negative, fractional, exponent or too
 *     large (number or string spelling) -> number_out_of_range (also 1e999). Any other type or
 *     text -> wrong_type.
 *   - Success: JSON true/false or the strings "true"/"false" (exact, lower case); XML text
 *     "true"/"false". Anything else -> wrong_type.
 *   - Code (top level, Result, Error): a string, or a JSON number that is exactly an integer
 *     in -2^53..2^53, judged by its digits as above and kept as that integer's decimal text
 *     (200 and 2e2 -> "200"; 9007199254740993 and 200.0000000000000001 ->
 *     number_out_of_range); any other type -> wrong_type.
 *   - RequestId, HostId, Message, Recommend, KeyPairName, InstanceId: strings only
 *     (wrong_type otherwise). An empty string is kept as "" (present), not as absent.
 *   - JSON null is never accepted for a known field (wrong_type): a field is either absent or
 *     has its type.
 *   - XML text is taken exactly as written (no trimming; entities and character references
 *     decoded, CDATA read as text, comments and processing instructions skipped). A known
 *     leaf element with a child element -> wrong_type. Attributes are ignored.
 *   - AccessDeniedDetail: JSON must be an object (else wrong_type); it is kept as its compact
 *     JSON text (no white space, strings escaped as ecskp_response_to_json() does, numbers
 *     exactly as the body spells them: `1.50`, `-0` and `1e999` stay as they are, since the
 *     pre-scan has checked their JSON spelling and nothing converts them).
 *     XML: its child elements become a JSON object of strings, in document order
 *     (`<AccessDeniedDetail><AuthAction>a</AuthAction></AccessDeniedDetail>` ->
 *     `{"AuthAction":"a"}`), so the XML and JSON renderings of the same detail compare equal;
 *     a grandchild element -> wrong_type. A duplicate key (either format) -> duplicate_field
 *     "AccessDeniedDetail". The compact text counts as one string for max_string_bytes.
 *
 * Results (implementation-defined cases, each decided here):
 *   - Results absent: has_results = 0, no results; the checks that need Results are skipped.
 *   - JSON `"Results": {"Result": [...]}`: the documented form.
 *   - JSON `"Results": {}` and `"Results": {"Result": []}`: present and empty (has_results = 1).
 *   - JSON `"Results": {"Result": {...}}` (a single object, as XML-to-JSON converters emit):
 *     accepted as a one-element list.
 *   - JSON `"Results": [...]` (a bare array without the Result wrapper): accepted as the list.
 *   - JSON `"Results": null` or `"Result": null`: wrong_type (the null rule above).
 *   - Results or a Result element of another type: wrong_type "Results" / "Result".
 *   - XML `<Results/>` or `<Results></Results>`: present and empty. XML children of <Results>
 *     other than <Result> are ignored; a <Result> outside <Results> is an unknown field.
 *   - A Result without Success: success_present = 0 and success is taken from Code
 *     (1 iff Code is "200", as the DetachKeyPair page documents Code 200 as success); with
 *     neither Success nor Code, success = 0 (never assumed). A Result without Code, Message
 *     or InstanceId keeps NULL there.
 *
 * Other implementation-defined cases:
 *   - An empty RequestId ("" / <RequestId/>) is accepted and kept as "".
 *   - A UTF-8 byte-order mark at the start of a JSON body is skipped (RFC 8259 allows
 *     ignoring it); in XML it is allowed by the XML specification. Exactly one, at the start:
 *     a second one (cJSON would skip it too) or any other byte above 0x7F outside a JSON
 *     string -> malformed_body. A UTF-16 or UTF-32 BOM, or
 *     XML that starts as UTF-16/32 without one, -> unsupported_encoding (both formats).
 *   - `&#0;` (and any other character reference to NUL) in XML -> nul_character, like a raw
 *     NUL byte or JSON `\u0000`.
 *   - XML encoding declaration: only "UTF-8" (any letter case) is accepted; any other
 *     declared encoding (ISO-8859-1, UTF-16, US-ASCII, UTF8, ...) -> unsupported_encoding.
 *   - XML after the root element: white space, comments and processing instructions are
 *     allowed (XML's Misc); anything else (text, a second element) -> trailing_data.
 *   - JSON after the top-level value: only JSON white space; anything else -> trailing_data.
 *   - cJSON accepts some spellings JSON forbids (control bytes as white space, numbers like
 *     `01` or `1.`, a number right after a value as in `[1 2]`); the pre-scan refuses them as
 *     malformed_body.
 *
 * Consistency checks (success only), in this order; the first that fails is reported:
 *   ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL  FailCount > TotalCount (both present)
 *   ECSKP_INCONSISTENT_TOTAL_COUNT         TotalCount != number of Results (both present)
 *   ECSKP_INCONSISTENT_FAIL_COUNT          FailCount != number of Results with success == 0
 *                                          (FailCount and Results present)
 *   ECSKP_INCONSISTENT_SUCCESS_CODE        a Result with Success true and a Code other than
 *                                          "200", or Success false and Code "200" (both
 *                                          present; diag.index = the first such Result)
 *   ECSKP_INCONSISTENT_TOP_CODE            a success body with a top-level Code other than
 *                                          "200"
 * By default a failing check refuses the body with inconsistent_response and diag.field =
 * ecskp_inconsistency_name() of the check. With ECSKP_DECODE_ALLOW_INCONSISTENT the success
 * is returned and success.inconsistencies has one bit per failing check; a caller that sets
 * the flag must look at it. An XML <Error> whose Code is "200" is always refused with
 * inconsistent_response (field "Code"): no body decodes to an API error with Code "200", as
 * in JSON.
 *
 * ------------------------------------------------------------------------------------------
 * Limits (ecskp_limits; each 0 means the default below; each above its cap is
 * invalid_argument with diag.field = the limit's name; ecskp_limit_describe() lists them)
 *
 * Each limit bounds one thing a hostile body could make expensive, and each is checked before
 * the work it bounds. The defaults are generous for these operations: a real reply has at most
 * 50 Results (the API takes at most 50 instance IDs), no attribute and no namespace.
 *
 *   max_body_bytes    default 1 MiB, cap 16 MiB. Checked first, before any byte is read.
 *   max_depth         default 32, cap 256 (libxml2's own limit without XML_PARSE_HUGE).
 *                     JSON: nesting of objects and arrays, the top-level object is depth 1
 *                     (the documented success body needs 4), checked by the pre-scan. XML:
 *                     element depth, the root is 1 (the documented success body needs 4),
 *                     checked as each start tag is read.
 *   max_results       default 1000, cap 65,536 (as max_nodes: a Result is at least one
 *                     node). Result entries; the entry at index max_results fails with
 *                     too_many_results (diag.index = max_results). XML checks while parsing
 *                     and never builds beyond it. JSON: cJSON has already built the tree,
 *                     whose size max_nodes bounds; the count is checked before anything is
 *                     copied out of it.
 *   max_string_bytes  default 16 KiB, cap 1 MiB. The decoded UTF-8 length of each known
 *                     field's text (strings, and counts and Success when spelled as strings or
 *                     XML text; and AccessDeniedDetail's compact text, which XML checks
 *                     member by member as they arrive). XML checks as text arrives; JSON
 *                     before copying. Strings and text of unknown fields are never copied
 *                     (cJSON's tree holds the JSON ones until it is freed; libxml2 hands XML
 *                     text over in pieces that are dropped).
 *   max_nodes         default 16,384, cap 65,536: too_many_nodes, diag.offset at the byte
 *                     that exceeds it. JSON: 1 + each '[', '{' and ',' outside strings, an
 *                     upper bound of the values cJSON can build (64 bytes a value and its
 *                     allocation overhead: about 1.3 MiB by default, 5 MiB at the cap). XML:
 *                     each start tag, attribute and processing instruction (the XML
 *                     declaration aside): each has a name. Every distinct XML name stays in
 *                     libxml2's name dictionary, whose hash table stops growing (2.9.14):
 *                     with more than about 65,536 distinct names, each lookup gets slower as
 *                     names accumulate (at 150,000 names, 7x slower per byte than at 10,000),
 *                     hence the cap. A documented reply with 1000 Results has about 5,000.
 *   max_attributes    default 8, cap 256. XML: attributes of one start tag, namespace
 *                     declarations included (libxml2 compares each attribute with every one
 *                     before it): too_many_attributes at the first one over.
 *   max_namespaces    default 8, cap 64. XML: namespace declarations (xmlns, xmlns:p) in the
 *                     whole body (libxml2 searches every declaration in scope for each name):
 *                     too_many_namespaces at the first one over.
 *   max_markup_bytes  default 64 KiB, cap 10,000,000 (libxml2's own limit on one text or
 *                     construct without XML_PARSE_HUGE). XML: the length, from '<' to the end
 *                     of its closing delimiter, of each tag (attributes included), comment,
 *                     processing instruction and CDATA section: markup_too_long at its '<'. A
 *                     construct the body ends inside of counts to the end of the body.
 * A limit met exactly passes; exceeded by one fails.
 *
 * The XML pre-scan cuts the body into text and markup as XML does (a '<' always starts
 * markup; a comment ends at "-->", a CDATA section at "]]>", a processing instruction at "?>",
 * a tag at its first '>' outside quoted attribute values) and refuses, as malformed_body at
 * the byte concerned, markup it cannot follow: '<' not followed by a name, an attribute
 * without '=' or without a quoted value, '/' not followed by '>' in a start tag. It accepts
 * more than XML does (any bytes in a name), so what it refuses is never well-formed; libxml2
 * judges the rest. At "<!" other than a comment or CDATA section (a DOCTYPE, refused as
 * dtd_refused, or anything else, which libxml2 refuses there) it stops: nothing after it is
 * parsed.
 *
 * ------------------------------------------------------------------------------------------
 * Security posture of the XML parser (libxml2 2.9.x), per call, with no process-wide setting
 * changed (no xmlSetExternalEntityLoader, no global error handler, no xmlInitParser call
 * from ecskp):
 *   - a private parser context and SAX2 handler per call; no DOM tree;
 *   - any DOCTYPE is refused (dtd_refused) from the internalSubset callback, which stops the
 *     parser before an internal subset is read; entity declarations and lookups go to
 *     handlers that store and return nothing; entities are never substituted (no
 *     XML_PARSE_NOENT), no DTD is loaded (no XML_PARSE_DTDLOAD), no network
 *     (XML_PARSE_NONET), no XInclude, never XML_PARSE_HUGE;
 *   - the body is checked as UTF-8 (invalid_utf8, diag.offset) and for NUL bytes before
 *     libxml2 sees it;
 *   - libxml2's errors go to a structured-error callback on the context and are never
 *     printed; a fatal or non-fatal error is malformed_body with diag.offset where the
 *     parser stopped (an unknown declared encoding is unsupported_encoding; content after
 *     the root is trailing_data).
 *
 * ------------------------------------------------------------------------------------------
 * Allocation: the response and everything it points to live in one arena allocated through
 * options.alloc (NULL = malloc), in a few chunks that double in size; ecskp_response_free()
 * returns it all.
 * The allocator's functions and ctx must stay valid until then (the struct itself is copied).
 * The JSON copy cJSON parses goes through options.alloc too when it is longer than 8 KiB
 * (shorter, it is kept on the stack: the call uses about 9 KiB of stack besides the parsers'
 * own, whose recursion max_depth bounds). cJSON and libxml2 allocate their transient parse
 * state through their own process-wide hooks (see ecskp/alloc.h); all of it is freed before
 * ecskp_response_decode() returns, on success and failure alike. If cJSON itself
 * runs out of memory the body is reported as malformed_body, since cJSON does not tell an
 * allocation failure from a syntax error.
 *
 * Memory, during the call (transient) and after it (the response):
 *   - XML: libxml2 pulls the body through a read callback. A body of more than 64 KiB is served in
 *     pieces of 250 bytes, and libxml2 never holds a copy of it; its context and buffers take about
 *     16 KiB, plus the longest construct (<= max_markup_bytes) while it is read, plus its name
 *     dictionary (each distinct name, <= max_nodes). A body of at most 64 KiB is served in the
 *     pieces libxml2 asks for (4000 bytes), fewer reads, and libxml2 may keep all of it (at most 64
 *     KiB). Known text is collected up to max_string_bytes. Why pulled, and in pieces of 250 bytes
 *     (libxml2's INPUT_CHUNK), as measured on 2.9.14: the push parser (xmlParseChunk) rescans an
 *     unfinished comment, PI, CDATA section or tag on every slice it is fed, quadratic in the
 *     construct (4 KiB slices: a 9.9 MB comment took 3.2 s, one construct filling the body grew
 *     55-89x from 64 KiB to 16 MiB; 1 MiB slices stay linear only for constructs up to 1 MiB),
 *     while the pull parser reads each byte once at any length (the 9.9 MB comment: 0.05 s). Served
 *     its own 4000-byte reads, the pull parser keeps consumed input when tags line up with them and
 *     refuses the body past 10,000,000 bytes; in pieces of 250 bytes it drops it as it goes (an 11
 *     MB body of 1000-byte tags: libxml2 peaks at 18.6 KB).
 *   - JSON: a copy of the body for cJSON (on the stack while it fits in 8 KiB; else
 *     len + 3 * min(max_nodes, len / 2 + 1) bytes through options.alloc: at once for a body of
 *     more than 8 KiB, after a first scan for a shorter one whose numbers make the copy longer;
 *     freed as soon as cJSON has parsed it), then cJSON's
 *     tree, at most max_nodes values of about 80 bytes with their strings (<= len), freed once
 *     the fields are copied out.
 *   - The response holds the known strings, 32 bytes per Result and a pointer per failed one.
 * Measured peak heap (ecskp, cJSON and libxml2 together) of the worst shape found, bodies up
 * to 1 MiB at the default limits: XML 0.4 MiB, JSON 2.1 MiB (a 1 MiB string: the copy and
 * cJSON's); up to 16 MiB with every limit at its cap: XML 4.0 MiB, JSON 32 MiB (2.0 bytes per
 * body byte). `ecskp-bench --scaling --cap 16777216` measures them; SECURITY.md has the table.
 *
 * Thread-safety: ecskp_response_decode() is reentrant and keeps no state between calls; a response
 * is immutable and may be read from any number of threads. Two requirements come from the parsers
 * beneath. libxml2 2.9 initialises its global tables lazily, and not all of that is locked
 * (helgrind shows races between concurrent first XML decodes): a program that may decode XML
 * from more than one thread must call xmlInitParser() once before starting them. ecskp itself
 * never calls xmlInitParser() or any other process-wide setter. cJSON's hooks are process-wide:
 * set them, if at all, before any thread uses ecskp. cJSON 1.7.15 writes a process-wide
 * last-error record on every parse (cJSON_GetErrorPtr); ecskp never reads it (it takes the
 * position from the parse call), so the race stays inside cJSON. See SECURITY.md.
 *
 * Allocation failure inside libxml2 is out_of_memory, except that 2.9.14 reports a failed
 * namespace-URI check as malformed_body; inside cJSON it is malformed_body (cJSON does not tell
 * the two apart). libxml2 2.9.14 reports some allocation failures through its process-wide
 * generic error handler, which prints "out of memory error" on stderr; ecskp does not replace
 * that handler (it would be process-wide state), so a program that must keep stderr quiet sets
 * xmlSetGenericErrorFunc itself. Every other libxml2 message goes to the context's handler and
 * is never printed.
 */
#ifndef ECSKP_DECODE_H
#define ECSKP_DECODE_H

#include <stddef.h>
#include <stdint.h>

#include "ecskp/alloc.h"
#include "ecskp/encode.h"
#include "ecskp/errors.h"
#include "ecskp/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------- limits */

#define ECSKP_DEFAULT_MAX_BODY_BYTES ((size_t)1 << 20) /* 1 MiB */
#define ECSKP_DEFAULT_MAX_DEPTH ((size_t)32)
#define ECSKP_DEFAULT_MAX_RESULTS ((size_t)1000)
#define ECSKP_DEFAULT_MAX_STRING_BYTES ((size_t)16 << 10) /* 16 KiB */
#define ECSKP_DEFAULT_MAX_NODES ((size_t)1 << 14)         /* 16,384 */
#define ECSKP_DEFAULT_MAX_ATTRIBUTES ((size_t)8)
#define ECSKP_DEFAULT_MAX_NAMESPACES ((size_t)8)
#define ECSKP_DEFAULT_MAX_MARKUP_BYTES ((size_t)64 << 10) /* 64 KiB */
#define ECSKP_MAX_BODY_BYTES_CAP ((size_t)16 << 20)       /* 16 MiB */
#define ECSKP_MAX_DEPTH_CAP ((size_t)256)
#define ECSKP_MAX_NODES_CAP ((size_t)1 << 16)        /* 65,536 */
#define ECSKP_MAX_RESULTS_CAP ECSKP_MAX_NODES_CAP    /* a Result is at least one node */
#define ECSKP_MAX_STRING_BYTES_CAP ((size_t)1 << 20) /* 1 MiB */
#define ECSKP_MAX_ATTRIBUTES_CAP ((size_t)256)
#define ECSKP_MAX_NAMESPACES_CAP ((size_t)64)
#define ECSKP_MAX_MARKUP_BYTES_CAP ((size_t)10000000) /* libxml2's XML_MAX_TEXT_LENGTH */

/* Per-call limits; see "Limits" above. A zero field means its default; a field above its cap
 * is invalid_argument. Caller-allocated: frozen for soname 1 (a new limit would come with a
 * new options type; ecskp_limits_set() takes the limits by name). */
typedef struct ecskp_limits {
    size_t max_body_bytes;
    size_t max_depth;
    size_t max_results;
    size_t max_string_bytes;
    size_t max_nodes;        /* JSON values, XML elements and attributes */
    size_t max_attributes;   /* XML: attributes of one start tag, xmlns ones included */
    size_t max_namespaces;   /* XML: namespace declarations in the body */
    size_t max_markup_bytes; /* XML: one tag, comment, PI or CDATA section */
} ecskp_limits;

/* The limits by their stable names ("max_body_bytes", ..., the member names above), for
 * programs that take them from a user or a file. ecskp_limit_describe(i, ...) gives the i-th
 * limit (struct order, from 0): its name, default and cap; it returns 0 past the last one.
 * Any output pointer may be NULL. */
ECSKP_API int ecskp_limit_describe(size_t i, const char **name, size_t *default_value, size_t *cap);
/* Sets the limit called `name` (0 = its default). Errors: invalid_argument for NULL, an
 * unknown name (diag.field "name") or a value above the limit's cap (diag.field = the name). */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_limits_set(ecskp_limits *limits, const char *name,
                                                        size_t value, ecskp_diag *diag);

/* ---------------------------------------------------------------- options */

enum {
    /* Return successes that fail a consistency check, with success.inconsistencies set,
     * instead of refusing them with inconsistent_response. */
    ECSKP_DECODE_ALLOW_INCONSISTENT = 1u << 0
};

/* Caller-allocated: frozen for soname 1. */
typedef struct ecskp_decode_options {
    ecskp_action action;          /* required: the operation the body answers */
    ecskp_format format;          /* required: JSON or XML (else unsupported_format) */
    int http_status;              /* 0 = unknown; else 100..599 (invalid_argument otherwise) */
    const ecskp_limits *limits;   /* NULL = all defaults */
    unsigned flags;               /* ECSKP_DECODE_* */
    const ecskp_allocator *alloc; /* NULL = malloc/realloc/free */
} ecskp_decode_options;

/* ---------------------------------------------------------------- the response */

/* Bits of ecskp_success.inconsistencies (see "Consistency checks" above). */
enum {
    ECSKP_INCONSISTENT_FAIL_EXCEEDS_TOTAL = 1u << 0,
    ECSKP_INCONSISTENT_TOTAL_COUNT = 1u << 1,
    ECSKP_INCONSISTENT_FAIL_COUNT = 1u << 2,
    ECSKP_INCONSISTENT_SUCCESS_CODE = 1u << 3,
    ECSKP_INCONSISTENT_TOP_CODE = 1u << 4
};

/* Stable name of one inconsistency bit, as put in diag.field: "fail_count_exceeds_total",
 * "total_count_vs_results", "fail_count_vs_results", "success_vs_code", "code_in_success";
 * NULL for anything that is not exactly one known bit. Static strings. */
ECSKP_API const char *ecskp_inconsistency_name(unsigned bit);

typedef enum ecskp_response_kind {
    ECSKP_RESPONSE_SUCCESS = 1,  /* the operation's response: read `success` */
    ECSKP_RESPONSE_API_ERROR = 2 /* an API error body: read `error` */
} ecskp_response_kind;

/*
 * The response and everything it points to is library-owned and read through pointers only:
 * a minor release may add members at the end of ecskp_response, ecskp_success,
 * ecskp_api_error and ecskp_instance_result, never elsewhere (see "ABI" in ecskp/ecskp.h).
 * Do not copy them by value or allocate them yourself.
 */

/* One entry of Results.Result. Strings are NUL-terminated UTF-8, or NULL when absent. */
typedef struct ecskp_instance_result {
    const char *instance_id;
    const char *code; /* "200" on success; a number in the body is kept as its decimal text */
    const char *message;
    int success;         /* 1 or 0: the outcome (see "Results" above when Success is absent) */
    int success_present; /* 1 when the body carried Success */
} ecskp_instance_result;

typedef struct ecskp_success {
    const char *request_id;    /* never NULL in a success (required), may be "" */
    const char *key_pair_name; /* NULL when absent */
    int64_t total_count;       /* 0..2^31-1, or -1 when absent */
    int64_t fail_count;        /* 0..2^31-1, or -1 when absent */
    int has_results;           /* 1 when the body carried Results (possibly empty) */
    size_t result_count;
    const ecskp_instance_result *const *results; /* result_count entries in body order */
    /* The entries whose success is 0, in body order, as pointers into `results`:
     *   for (size_t i = 0; i < s->failed_count; i++) report(s->failed[i]->instance_id, ...); */
    size_t failed_count;
    const ecskp_instance_result *const *failed;
    unsigned inconsistencies; /* ECSKP_INCONSISTENT_* bits; 0 unless ALLOW_INCONSISTENT */
} ecskp_success;

typedef struct ecskp_api_error {
    int http_status; /* options.http_status (0 = unknown) */
    const char *request_id;
    const char *host_id;
    const char *code; /* never NULL or empty in an API error */
    const char *message;
    const char *recommend;
    const char *access_denied_detail; /* compact JSON object text, or NULL */
    ecskp_error_category category;    /* ecskp_error_classify(code, http_status) */
    int retryable;                    /* likewise */
    int status_mismatch;              /* 1 when HTTP said 2xx but the body is an error */
} ecskp_api_error;

/*
 * A decoded response. Read-only: every pointer points into memory the response owns; free
 * it (and with it every string and array) with ecskp_response_free(). Exactly one of
 * `success` / `error` is set, as `kind` says; the other is NULL.
 */
typedef struct ecskp_response {
    ecskp_response_kind kind;
    ecskp_action action;
    ecskp_format format;
    const ecskp_success *success; /* kind == ECSKP_RESPONSE_SUCCESS, else NULL */
    const ecskp_api_error *error; /* kind == ECSKP_RESPONSE_API_ERROR, else NULL */
} ecskp_response;

/*
 * Decodes `len` bytes of `body` (not NUL-terminated; may hold anything).
 *
 * On ECSKP_OK, *out is a new response owned by the caller. On any failure *out is NULL,
 * nothing is allocated any more, and `diag` (if not NULL) has the status name, the field
 * (path), the byte offset in `body` where it applies, and the Result index where it applies.
 *
 * Errors: invalid_argument (out or opt NULL, body NULL with len > 0, unknown action,
 * http_status outside 100..599, a limit above its cap; diag.field names the argument),
 * unsupported_format, body_too_large, empty_body, unsupported_encoding, invalid_utf8,
 * nul_character, nesting_too_deep, malformed_body, trailing_data, dtd_refused, wrong_root,
 * wrong_type, duplicate_field, number_out_of_range, string_too_long, too_many_results,
 * too_many_nodes, too_many_attributes, too_many_namespaces, markup_too_long, missing_field,
 * status_body_mismatch, inconsistent_response, out_of_memory.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_response_decode(const void *body, size_t len,
                                                             const ecskp_decode_options *opt,
                                                             ecskp_response **out,
                                                             ecskp_diag *diag);

/* Frees a response and everything it points to. NULL is allowed. */
ECSKP_API void ecskp_response_free(ecskp_response *response);

/*
 * The normalized JSON form of a response, used by the `ecskp decode` command and the
 * conformance suite. Compact (no white space), keys in exactly this order, fields the body
 * did not carry left out:
 *
 *   success: {"RequestId":"…","KeyPairName":"…","TotalCount":n,"FailCount":n,
 *             "Results":[{"InstanceId":"…","Code":"…","Message":"…","Success":true}]}
 *            ("Results" present iff has_results; "Success" iff success_present)
 *   error:   {"Error":{"HttpStatus":n,"RequestId":"…","HostId":"…","Code":"…","Message":"…",
 *             "Recommend":"…","AccessDeniedDetail":{…},"Category":"…","Retryable":bool}}
 *            (HttpStatus left out when 0; Category is ecskp_category_name())
 *
 * Strings: `"` and `\` are escaped as \" and \\, every byte below 0x20 as \u00XX with
 * lower-case hex digits (\u000a, not \n), everything else (UTF-8 included) is copied raw.
 * Inconsistency bits and status_mismatch are not part of this form.
 *
 * Output: the caller-buffer convention of ecskp/ecskp.h (`*needed` counts the NUL).
 * Errors: invalid_argument (response NULL), buffer_too_small. Allocates nothing.
 * ecskp_json_decode() (ecskp/json.h) decodes and renders in one call.
 */
ECSKP_API ECSKP_NODISCARD ecskp_status ecskp_response_to_json(const ecskp_response *response,
                                                              char *buf, size_t cap, size_t *needed,
                                                              ecskp_diag *diag);

#ifdef __cplusplus
}
#endif

#endif /* ECSKP_DECODE_H */
