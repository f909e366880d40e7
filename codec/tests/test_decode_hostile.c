/* SPDX-License-Identifier: MIT */
/*
 * test_decode_hostile.c - response decoding against hostile and broken bodies: XXE (file and
 * parameter entities, external DTDs), entity bombs, deep nesting, encodings, invalid UTF-8,
 * NUL in every spelling, trailing data, the JSON spellings cJSON lets through, byte-order marks,
 * markup the XML pre-scan cannot follow, every limit met exactly and exceeded by one (the
 * bodies generated at attack sizes are in test_decode_bounds.c), truncation at every byte of
 * each documented vector, and allocation failure at every step.
 *
 * Each table row names its source (the class of attack, or the decode.h rule). Negative rows
 * assert the exact status and the diag fields; byte offsets are asserted exactly wherever the
 * input alone determines them, and computed by the test, not taken from the code under test.
 * The documented bodies are the documented vectors of vectors.h, named by the rows that need
 * them (decode_bodies.h); the other bodies only frame the shape under test.
 */
#include <stdlib.h>
#include <unistd.h>

#include <libxml/globals.h>
#include <libxml/parser.h>

#include "decode_bodies.h"
#include "ecskp_test.h"

/* ------------------------------------------------------------------ helpers */

static ecskp_status decode(ecskp_format fmt, ecskp_action action, const char *body, size_t len,
                           const ecskp_limits *limits, ecskp_response **out, ecskp_diag *d) {
    ecskp_decode_options o = {.action = action, .format = fmt, .limits = limits};
    return decode_exact(body, len, &o, out, d);
}

/* Decodes (it must succeed) and returns the normalized JSON (the caller frees it). */
static char *normalized(const char *src, const void *body, size_t len,
                        const ecskp_decode_options *o) {
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, decode_exact(body, len, o, &r, &d), &d);
    check_layout(src, r);
    char *out = normalized_json(src, r);
    ecskp_response_free(r);
    return out;
}

/* ------------------------------------------------------------------ the table */

typedef struct hrow {
    const char *source;
    ecskp_format format;
    const char *body;
    size_t len;         /* 0 = strlen(body) */
    const char *vector; /* instead of format and body: this documented vector, with its input */
    ecskp_limits limits;
    ecskp_status want;
    const char *field;
    size_t offset; /* exact, or ANY_OFFSET (then none or <= len) */
    size_t index;
} hrow;

#define H(src, fmt, body_, status_, field_, offset_)                                               \
    {                                                                                              \
        .source = (src), .format = (fmt), .body = (body_), .want = (status_), .field = (field_),   \
        .offset = (offset_), .index = NO_IDX                                                       \
    }
#define HN(src, fmt, body_, len_, status_, offset_)                                                \
    {                                                                                              \
        .source = (src), .format = (fmt), .body = (body_), .len = (len_), .want = (status_),       \
        .field = "", .offset = (offset_), .index = NO_IDX                                          \
    }
/* Limits: max_body_bytes, max_depth, max_results, max_string_bytes. */
#define LIM(b, d, r, s) b, d, r, s
#define HL(src, fmt, body_, ...) HL_(src, fmt, body_, __VA_ARGS__)
#define HL_(src, fmt, body_, b, d, r, s, status_, field_, offset_, index_)                         \
    {                                                                                              \
        .source = (src), .format = (fmt), .body = (body_),                                         \
        .limits = {.max_body_bytes = (b),                                                          \
                   .max_depth = (d),                                                               \
                   .max_results = (r),                                                             \
                   .max_string_bytes = (s)},                                                       \
        .want = (status_), .field = (field_), .offset = (offset_), .index = (index_)               \
    }
/* Any limits, by name, after the expected diag: HX(src, fmt, body, status, field, offset, index,
 * .max_nodes = 2, .max_attributes = 3). */
#define HX(src, fmt, body_, status_, field_, offset_, index_, ...)                                 \
    {                                                                                              \
        .source = (src), .format = (fmt), .body = (body_), .limits = {__VA_ARGS__},                \
        .want = (status_), .field = (field_), .offset = (offset_), .index = (index_)               \
    }
#define HXOK(src, fmt, body_, ...) HX(src, fmt, body_, ECSKP_OK, "", NO_OFF, NO_IDX, __VA_ARGS__)
/* A documented vector (decode_bodies.h V_*) with limits, by name. */
#define HV(src, vector_, status_, field_, offset_, index_, ...)                                    \
    {                                                                                              \
        .source = (src), .vector = (vector_), .limits = {__VA_ARGS__}, .want = (status_),          \
        .field = (field_), .offset = (offset_), .index = (index_)                                  \
    }

/* Where XR()'s inner text starts: strlen("<AttachKeyPairResponse><RequestId>R1</RequestId>"),
 * 23 + 11 + 2 + 12. */
#define XR_AT 48
_Static_assert(sizeof XR("") - 1 == XR_AT + sizeof "</AttachKeyPairResponse>" - 1, "XR_AT");

/* Offsets below are counted by hand from the bodies; the comments show the count. */
static const hrow hrows[] = {

    /* ---- DOCTYPE, entities (XXE, bombs) */
    H("XXE: internal subset declaring an external file entity", XML,
      "<?xml version=\"1.0\"?>\n<!DOCTYPE AttachKeyPairResponse [\n  <!ENTITY xxe SYSTEM "
      "\"file:///etc/passwd\">\n]>\n<AttachKeyPairResponse><RequestId>&xxe;</RequestId>"
      "</AttachKeyPairResponse>",
      ECSKP_ERR_DTD_REFUSED, "", ANY_OFFSET),
    H("XXE: parameter entity fetching an external DTD", XML,
      "<!DOCTYPE AttachKeyPairResponse [<!ENTITY % ext SYSTEM \"http://127.0.0.1:1/x.dtd\"> "
      "%ext;]><AttachKeyPairResponse><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_DTD_REFUSED, "", ANY_OFFSET),
    H("XXE: external DTD by SYSTEM identifier, no internal subset", XML,
      "<!DOCTYPE AttachKeyPairResponse SYSTEM \"file:///etc/passwd\"><AttachKeyPairResponse>"
      "<RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_DTD_REFUSED, "", ANY_OFFSET),
    H("decode.h: any DOCTYPE, even a harmless one", XML,
      "<!DOCTYPE AttachKeyPairResponse><AttachKeyPairResponse><RequestId>R1</RequestId>"
      "</AttachKeyPairResponse>",
      ECSKP_ERR_DTD_REFUSED, "", ANY_OFFSET),
    H("entity bomb: billion laughs", XML,
      "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
      " <!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n"
      " <!ENTITY lol2 \"&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;\">\n"
      " <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">\n"
      " <!ENTITY lol4 \"&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;\">\n"
      " <!ENTITY lol5 \"&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;\">\n"
      " <!ENTITY lol6 \"&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;\">\n"
      " <!ENTITY lol7 \"&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;\">\n"
      " <!ENTITY lol8 \"&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;\">\n"
      " <!ENTITY lol9 \"&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;\">\n"
      "]>\n<AttachKeyPairResponse><RequestId>&lol9;</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_DTD_REFUSED, "", ANY_OFFSET),
    H("entity bomb: quadratic blowup without DOCTYPE cannot even start", XML,
      XR("<KeyPairName>&a;&a;&a;&a;</KeyPairName>"), ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XXE: an undeclared entity reference", XML, XR("<KeyPairName>&xxe;</KeyPairName>"),
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XInclude: an include element is just an unknown element", XML,
      "<AttachKeyPairResponse xmlns:xi=\"http://www.w3.org/2001/XInclude\"><RequestId>R1"
      "</RequestId><xi:include href=\"file:///etc/passwd\" parse=\"text\"/>"
      "</AttachKeyPairResponse>",
      ECSKP_OK, "", NO_OFF),
    H("XInclude: an include inside a known field is a child element", XML,
      "<AttachKeyPairResponse xmlns:xi=\"http://www.w3.org/2001/XInclude\"><RequestId>"
      "<xi:include href=\"file:///etc/passwd\" parse=\"text\"/></RequestId>"
      "</AttachKeyPairResponse>",
      ECSKP_ERR_WRONG_TYPE, "RequestId", ANY_OFFSET),

    /* ---- encodings */
    /* `<?xml version="1.0" encoding="` is 30 bytes: the value starts at 30. */
    H("encoding: ISO-8859-1 declared", XML,
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" MIN_XML, ECSKP_ERR_UNSUPPORTED_ENCODING, "",
      30),
    H("encoding: UTF-16 declared over UTF-8 bytes", XML,
      "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" MIN_XML, ECSKP_ERR_UNSUPPORTED_ENCODING, "",
      30),
    H("encoding: UTF8 (libxml2 alias, not the XML name)", XML,
      "<?xml version=\"1.0\" encoding=\"UTF8\"?>" MIN_XML, ECSKP_ERR_UNSUPPORTED_ENCODING, "", 30),
    H("encoding: US-ASCII declared", XML, "<?xml version=\"1.0\" encoding=\"US-ASCII\"?>" MIN_XML,
      ECSKP_ERR_UNSUPPORTED_ENCODING, "", 30),
    H("encoding: EBCDIC declared", XML, "<?xml version=\"1.0\" encoding=\"IBM037\"?>" MIN_XML,
      ECSKP_ERR_UNSUPPORTED_ENCODING, "", 30),
    /* After a 3-byte BOM the value starts at 33. */
    H("encoding: ISO-8859-1 declared after a UTF-8 BOM", XML,
      "\xef\xbb\xbf<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" MIN_XML,
      ECSKP_ERR_UNSUPPORTED_ENCODING, "", 33),
    HN("encoding: UTF-16LE BOM (XML)", XML,
       "\xff\xfe<\0A\0t\0t\0a\0c\0h\0K\0e\0y\0P\0a\0i\0r\0R\0e\0s\0p\0o\0n\0s\0e\0/\0>\0", 50,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),
    HN("encoding: UTF-16BE BOM (XML)", XML, "\xfe\xff\0<\0E\0r\0r\0o\0r\0/\0>", 18,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),
    HN("encoding: UTF-16LE without a BOM (XML)", XML, "<\0?\0x\0m\0l\0 \0", 12,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),
    HN("encoding: UTF-16BE without a BOM (XML)", XML, "\0<\0?\0x\0m\0l\0 ", 12,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),
    HN("encoding: UTF-32BE BOM (XML)", XML, "\0\0\xfe\xff\0\0\0<", 8,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),
    HN("encoding: UTF-16LE BOM (JSON)", JSON, "\xff\xfe{\0}\0", 6, ECSKP_ERR_UNSUPPORTED_ENCODING,
       0),
    HN("encoding: UTF-16BE BOM (JSON)", JSON, "\xfe\xff\0{\0}", 6, ECSKP_ERR_UNSUPPORTED_ENCODING,
       0),
    HN("encoding: UTF-32BE BOM (JSON)", JSON, "\0\0\xfe\xff\0\0\0{", 8,
       ECSKP_ERR_UNSUPPORTED_ENCODING, 0),

    /* ---- invalid UTF-8; `{"RequestId":"R` is 15 bytes */
    H("UTF-8: a stray 0xFF in a JSON string", JSON, "{\"RequestId\":\"R\xff\"}",
      ECSKP_ERR_INVALID_UTF8, "", 15),
    H("UTF-8: an overlong '/' (C0 AF) in JSON", JSON, "{\"RequestId\":\"R\xc0\xaf\"}",
      ECSKP_ERR_INVALID_UTF8, "", 15),
    H("UTF-8: an encoded surrogate (ED A0 80) in JSON", JSON, "{\"RequestId\":\"R\xed\xa0\x80\"}",
      ECSKP_ERR_INVALID_UTF8, "", 15),
    H("UTF-8: beyond U+10FFFF (F4 90 80 80) in JSON", JSON, "{\"RequestId\":\"R\xf4\x90\x80\x80\"}",
      ECSKP_ERR_INVALID_UTF8, "", 15),
    H("UTF-8: a cut sequence at the end of a JSON body", JSON, "{\"RequestId\":\"R1\"}\xe2\x82",
      ECSKP_ERR_INVALID_UTF8, "", 18),
    H("UTF-8: invalid bytes in an unknown JSON field are refused too", JSON,
      "{\"X\":\"\x80\",\"RequestId\":\"R1\"}", ECSKP_ERR_INVALID_UTF8, "", 6),
    /* After the 3-byte BOM, the bad byte is at 3 + 15. */
    H("UTF-8: offsets count the BOM (JSON)", JSON, "\xef\xbb\xbf{\"RequestId\":\"R\xff\"}",
      ECSKP_ERR_INVALID_UTF8, "", 18),
    /* `<AttachKeyPairResponse><RequestId>R` is 35 bytes. */
    H("UTF-8: a stray 0xFF after the XML root", XML, XR("") "\xff", ECSKP_ERR_INVALID_UTF8, "",
      sizeof XR("") - 1),
    H("UTF-8: a cut sequence in XML text", XML,
      "<AttachKeyPairResponse><RequestId>R\xc3</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_INVALID_UTF8, "", 35),
    H("UTF-8: an overlong sequence in an XML comment", XML, "<!--\xc0\xbc-->" MIN_XML,
      ECSKP_ERR_INVALID_UTF8, "", 4),
    H("UTF-8: an encoded surrogate in an XML attribute", XML,
      "<AttachKeyPairResponse a=\"\xed\xb0\x80\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_INVALID_UTF8, "", 26),

    /* ---- NUL in every spelling */
    HN("NUL: a raw NUL byte in a JSON string", JSON, "{\"RequestId\":\"R\0\"}", 19,
       ECSKP_ERR_NUL_CHARACTER, 15),
    HN("NUL: a raw NUL byte after the JSON value", JSON, "{\"RequestId\":\"R1\"}\0", 19,
       ECSKP_ERR_NUL_CHARACTER, 18),
    H("NUL: \\u0000 in a JSON string", JSON, "{\"RequestId\":\"R\\u0000\"}",
      ECSKP_ERR_NUL_CHARACTER, "", 15),
    H("NUL: \\u0000 in an unknown field's name", JSON, "{\"a\\u0000b\":1,\"RequestId\":\"R1\"}",
      ECSKP_ERR_NUL_CHARACTER, "", 3),
    H("NUL: an escaped backslash before u0000 is not a NUL", JSON, "{\"RequestId\":\"R\\\\u0000\"}",
      ECSKP_OK, "", NO_OFF),
    HN("NUL: a raw NUL byte in XML text", XML,
       "<AttachKeyPairResponse><RequestId>R\0</RequestId></AttachKeyPairResponse>", 72,
       ECSKP_ERR_NUL_CHARACTER, 35),
    HN("NUL: a raw NUL byte after the XML root", XML, MIN_XML "\0", sizeof MIN_XML,
       ECSKP_ERR_NUL_CHARACTER, MIN_XML_LEN),
    H("NUL: &#0; (decision: nul_character)", XML, XR("<KeyPairName>a&#0;</KeyPairName>"),
      ECSKP_ERR_NUL_CHARACTER, "", ANY_OFFSET),
    H("NUL: &#x0;", XML, XR("<KeyPairName>&#x0;</KeyPairName>"), ECSKP_ERR_NUL_CHARACTER, "",
      ANY_OFFSET),
    H("NUL: &#00000;", XML, XR("<KeyPairName>&#00000;</KeyPairName>"), ECSKP_ERR_NUL_CHARACTER, "",
      ANY_OFFSET),
    H("NUL: &#0; in an attribute value", XML,
      "<AttachKeyPairResponse a=\"&#0;\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_NUL_CHARACTER, "", ANY_OFFSET),
    H("XML: &#1; is not an XML character", XML, XR("<KeyPairName>&#1;</KeyPairName>"),
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XML: a character reference past U+10FFFF", XML, XR("<KeyPairName>&#x110000;</KeyPairName>"),
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XML: a raw control byte", XML, XR("<KeyPairName>\x01</KeyPairName>"),
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),

    /* ---- trailing data; `{"RequestId":"R1"}` is 18 bytes */
    H("trailing: a second JSON value", JSON, "{\"RequestId\":\"R1\"}{}", ECSKP_ERR_TRAILING_DATA,
      "", 18),
    H("trailing: text after the JSON value and white space", JSON, "{\"RequestId\":\"R1\"} \nx",
      ECSKP_ERR_TRAILING_DATA, "", 20),
    H("trailing: a stray bracket", JSON, "{\"RequestId\":\"R1\"}]", ECSKP_ERR_TRAILING_DATA, "",
      18),
    H("trailing: text after the XML root", XML, MIN_XML "junk", ECSKP_ERR_TRAILING_DATA, "",
      ANY_OFFSET),
    H("trailing: a second XML root", XML, MIN_XML MIN_XML, ECSKP_ERR_TRAILING_DATA, "", ANY_OFFSET),
    H("trailing: an unterminated comment after the XML root", XML, MIN_XML "<!-- x",
      ECSKP_ERR_TRAILING_DATA, "", ANY_OFFSET),
    H("trailing: a DOCTYPE after the XML root", XML, MIN_XML "<!DOCTYPE x>",
      ECSKP_ERR_TRAILING_DATA, "", ANY_OFFSET),
    H("trailing: white space, comments and PIs after the XML root are Misc", XML,
      MIN_XML "\n<!-- ok -->\n<?pi ok?>\n", ECSKP_OK, "", NO_OFF),

    /* ---- what cJSON accepts and JSON does not; `{"RequestId":"R1","TotalCount":` is 31 */
    H("JSON spelling: a leading zero", JSON, "{\"RequestId\":\"R1\",\"TotalCount\":01}",
      ECSKP_ERR_MALFORMED_BODY, "", 32),
    H("JSON spelling: a trailing dot", JSON, "{\"RequestId\":\"R1\",\"TotalCount\":1.}",
      ECSKP_ERR_MALFORMED_BODY, "", 33),
    H("JSON spelling: a dot without digits before it is not a value", JSON,
      "{\"RequestId\":\"R1\",\"TotalCount\":.5}", ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("JSON spelling: an exponent without digits", JSON, "{\"RequestId\":\"R1\",\"TotalCount\":1e}",
      ECSKP_ERR_MALFORMED_BODY, "", 33),
    H("JSON spelling: a minus without digits", JSON, "{\"RequestId\":\"R1\",\"TotalCount\":-}",
      ECSKP_ERR_MALFORMED_BODY, "", 32),
    H("JSON spelling: a control byte as white space", JSON, "{\x01\"RequestId\":\"R1\"}",
      ECSKP_ERR_MALFORMED_BODY, "", 1),
    H("JSON spelling: a form feed as white space", JSON, "{\"RequestId\":\"R1\"\f}",
      ECSKP_ERR_MALFORMED_BODY, "", 17),
    H("JSON spelling: a raw tab inside a string", JSON, "{\"RequestId\":\"R\t1\"}",
      ECSKP_ERR_MALFORMED_BODY, "", 15),
    H("JSON spelling: a raw newline inside a string", JSON, "{\"RequestId\":\"R\n1\"}",
      ECSKP_ERR_MALFORMED_BODY, "", 15),
    H("JSON syntax: a trailing comma", JSON, "{\"RequestId\":\"R1\",}", ECSKP_ERR_MALFORMED_BODY,
      "", ANY_OFFSET),
    H("JSON syntax: single quotes", JSON, "{'RequestId':'R1'}", ECSKP_ERR_MALFORMED_BODY, "",
      ANY_OFFSET),
    H("JSON syntax: a comment", JSON, "{/* c */\"RequestId\":\"R1\"}", ECSKP_ERR_MALFORMED_BODY, "",
      ANY_OFFSET),
    H("JSON syntax: NaN", JSON, "{\"RequestId\":\"R1\",\"TotalCount\":NaN}",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("JSON syntax: an unknown escape", JSON, "{\"RequestId\":\"\\x41\"}", ECSKP_ERR_MALFORMED_BODY,
      "", ANY_OFFSET),
    H("JSON syntax: a lone high surrogate", JSON, "{\"RequestId\":\"\\ud800\"}",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("JSON syntax: a lone low surrogate", JSON, "{\"RequestId\":\"\\udc00x\"}",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("JSON syntax: a missing colon", JSON, "{\"RequestId\" \"R1\"}", ECSKP_ERR_MALFORMED_BODY, "",
      ANY_OFFSET),
    H("XML syntax: mismatched tags", XML,
      "<AttachKeyPairResponse><RequestId>R1</Requestid></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XML syntax: an undeclared namespace prefix", XML,
      "<AttachKeyPairResponse><RequestId>R1</RequestId><a:b/></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XML syntax: a duplicated attribute", XML,
      "<AttachKeyPairResponse a=\"1\" a=\"2\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("XML syntax: text before the root", XML, "x" MIN_XML, ECSKP_ERR_MALFORMED_BODY, "",
      ANY_OFFSET),
    H("XML syntax: no root at all", XML, "<?xml version=\"1.0\"?><!-- only -->",
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),

    /* ---- empty bodies */
    HN("empty: no bytes (JSON)", JSON, "", 0, ECSKP_ERR_EMPTY_BODY, NO_OFF),
    HN("empty: no bytes (XML)", XML, "", 0, ECSKP_ERR_EMPTY_BODY, NO_OFF),
    H("empty: only white space (JSON)", JSON, " \r\n\t ", ECSKP_ERR_EMPTY_BODY, "", NO_OFF),
    H("empty: only white space (XML)", XML, "\n\n", ECSKP_ERR_EMPTY_BODY, "", NO_OFF),
    H("empty: only a UTF-8 BOM (JSON)", JSON, "\xef\xbb\xbf", ECSKP_ERR_EMPTY_BODY, "", NO_OFF),
    H("empty: only a UTF-8 BOM and white space (XML)", XML, "\xef\xbb\xbf \n", ECSKP_ERR_EMPTY_BODY,
      "", NO_OFF),

    /* ---- limits met exactly pass, exceeded by one fail */
    HL("limits: max_body_bytes met exactly (JSON)", JSON, MIN_JSON, LIM(MIN_JSON_LEN, 0, 0, 0),
       ECSKP_OK, "", NO_OFF, NO_IDX),
    HL("limits: max_body_bytes exceeded by one (JSON)", JSON, MIN_JSON,
       LIM(MIN_JSON_LEN - 1, 0, 0, 0), ECSKP_ERR_BODY_TOO_LARGE, "", MIN_JSON_LEN - 1, NO_IDX),
    HL("limits: max_body_bytes met exactly (XML)", XML, MIN_XML, LIM(MIN_XML_LEN, 0, 0, 0),
       ECSKP_OK, "", NO_OFF, NO_IDX),
    HL("limits: max_body_bytes exceeded by one (XML)", XML, MIN_XML, LIM(MIN_XML_LEN - 1, 0, 0, 0),
       ECSKP_ERR_BODY_TOO_LARGE, "", MIN_XML_LEN - 1, NO_IDX),
    HL("limits: max_body_bytes is checked before anything else", XML, "\xff\xfe garbage",
       LIM(4, 0, 0, 0), ECSKP_ERR_BODY_TOO_LARGE, "", 4, NO_IDX),
    HV("limits: max_depth 4 meets the documented body (JSON)", V_ATTACH_JSON, ECSKP_OK, "", NO_OFF,
       NO_IDX, .max_depth = 4),
    HV("limits: max_depth 4 meets the documented body (XML)", V_ATTACH_XML, ECSKP_OK, "", NO_OFF,
       NO_IDX, .max_depth = 4),
    HV("limits: max_depth 3 is one short (XML)", V_ATTACH_XML, ECSKP_ERR_NESTING_TOO_DEEP, "",
       ANY_OFFSET, NO_IDX, .max_depth = 3),
    HV("limits: max_results 2 meets the documented body (JSON)", V_ATTACH_JSON, ECSKP_OK, "",
       NO_OFF, NO_IDX, .max_results = 2),
    HV("limits: max_results 1 is one short (JSON)", V_ATTACH_JSON, ECSKP_ERR_TOO_MANY_RESULTS,
       "Result", NO_OFF, 1, .max_results = 1),
    HV("limits: max_results 2 meets the documented body (XML)", V_ATTACH_XML, ECSKP_OK, "", NO_OFF,
       NO_IDX, .max_results = 2),
    HV("limits: max_results 1 is one short (XML)", V_ATTACH_XML, ECSKP_ERR_TOO_MANY_RESULTS,
       "Result", ANY_OFFSET, 1, .max_results = 1),
    HL("limits: max_results 1 meets a single Result object (JSON)", JSON,
       "{\"RequestId\":\"R1\",\"Results\":{\"Result\":{\"Code\":\"200\"}}}", LIM(0, 0, 1, 0),
       ECSKP_OK, "", NO_OFF, NO_IDX),
    /* The RequestIds are 36 bytes. */
    HV("limits: max_string_bytes met exactly (JSON)", V_ATTACH_JSON, ECSKP_OK, "", NO_OFF, NO_IDX,
       .max_string_bytes = 36),
    HV("limits: max_string_bytes exceeded by one (JSON)", V_ATTACH_JSON, ECSKP_ERR_STRING_TOO_LONG,
       "RequestId", NO_OFF, NO_IDX, .max_string_bytes = 35),
    HV("limits: max_string_bytes met exactly (XML)", V_ATTACH_XML, ECSKP_OK, "", NO_OFF, NO_IDX,
       .max_string_bytes = 36),
    HV("limits: max_string_bytes exceeded by one (XML)", V_ATTACH_XML, ECSKP_ERR_STRING_TOO_LONG,
       "RequestId", ANY_OFFSET, NO_IDX, .max_string_bytes = 35),
    HL("limits: a Result field over max_string_bytes names its Result", JSON,
       "{\"RequestId\":\"R\",\"Results\":[{\"Message\":\"ab\"},{\"Message\":\"abc\"}]}",
       LIM(0, 0, 0, 2), ECSKP_ERR_STRING_TOO_LONG, "Result.Message", NO_OFF, 1),
    HL("limits: the decoded length counts, not the escaped one (JSON, 4 bytes)", JSON,
       "{\"RequestId\":\"R\",\"KeyPairName\":\"\\u00e9\\u00e9\"}", LIM(0, 0, 0, 4), ECSKP_OK, "",
       NO_OFF, NO_IDX),
    HL("limits: the decoded length counts (JSON, one short)", JSON,
       "{\"RequestId\":\"R\",\"KeyPairName\":\"\\u00e9\\u00e9\"}", LIM(0, 0, 0, 3),
       ECSKP_ERR_STRING_TOO_LONG, "KeyPairName", NO_OFF, NO_IDX),
    HL("limits: the decoded length counts (XML entities, 2 bytes)", XML,
       "<AttachKeyPairResponse><RequestId>R</RequestId><KeyPairName>&amp;&amp;</KeyPairName>"
       "</AttachKeyPairResponse>",
       LIM(0, 0, 0, 2), ECSKP_OK, "", NO_OFF, NO_IDX),
    HL("limits: the decoded length counts (XML entities, one short)", XML,
       "<AttachKeyPairResponse><RequestId>R</RequestId><KeyPairName>&amp;&amp;</KeyPairName>"
       "</AttachKeyPairResponse>",
       LIM(0, 0, 0, 1), ECSKP_ERR_STRING_TOO_LONG, "KeyPairName", ANY_OFFSET, NO_IDX),
    /* {"A":"b"} is 9 bytes. */
    HL("limits: AccessDeniedDetail text met exactly (JSON)", JSON,
       "{\"Code\":\"X\",\"AccessDeniedDetail\":{ \"A\" : \"b\" }}", LIM(0, 0, 0, 9), ECSKP_OK, "",
       NO_OFF, NO_IDX),
    HL("limits: AccessDeniedDetail text one over (JSON)", JSON,
       "{\"Code\":\"X\",\"AccessDeniedDetail\":{ \"A\" : \"b\" }}", LIM(0, 0, 0, 8),
       ECSKP_ERR_STRING_TOO_LONG, "AccessDeniedDetail", NO_OFF, NO_IDX),
    HL("limits: AccessDeniedDetail text met exactly (XML)", XML,
       "<Error><Code>X</Code><AccessDeniedDetail><A>b</A></AccessDeniedDetail></Error>",
       LIM(0, 0, 0, 9), ECSKP_OK, "", NO_OFF, NO_IDX),
    HL("limits: AccessDeniedDetail text one over (XML)", XML,
       "<Error><Code>X</Code><AccessDeniedDetail><A>b</A></AccessDeniedDetail></Error>",
       LIM(0, 0, 0, 8), ECSKP_ERR_STRING_TOO_LONG, "AccessDeniedDetail", ANY_OFFSET, NO_IDX),
    HL("limits: strings of unknown fields are not limited", JSON,
       "{\"RequestId\":\"R\",\"Other\":\"0123456789\"}", LIM(0, 0, 0, 1), ECSKP_OK, "", NO_OFF,
       NO_IDX),
    HL("limits: max_depth above the cap (256)", JSON, MIN_JSON, LIM(0, 257, 0, 0),
       ECSKP_ERR_INVALID_ARGUMENT, "max_depth", NO_OFF, NO_IDX),
    HL("limits: max_depth at the cap", JSON, MIN_JSON, LIM(0, 256, 0, 0), ECSKP_OK, "", NO_OFF,
       NO_IDX),
    HL("limits: max_body_bytes above the cap (16 MiB; it was INT_MAX)", XML, MIN_XML,
       LIM((size_t)0x80000000u, 0, 0, 0), ECSKP_ERR_INVALID_ARGUMENT, "max_body_bytes", NO_OFF,
       NO_IDX),
    HL("limits: max_body_bytes one above the cap (16 MiB + 1)", XML, MIN_XML,
       LIM(((size_t)16 << 20) + 1, 0, 0, 0), ECSKP_ERR_INVALID_ARGUMENT, "max_body_bytes", NO_OFF,
       NO_IDX),
    HL("limits: max_body_bytes at the cap (16 MiB)", JSON, MIN_JSON, LIM((size_t)16 << 20, 0, 0, 0),
       ECSKP_OK, "", NO_OFF, NO_IDX),
    HX("limits: max_results one above the cap (= the max_nodes cap)", JSON, MIN_JSON,
       ECSKP_ERR_INVALID_ARGUMENT, "max_results", NO_OFF, NO_IDX,
       .max_results = ECSKP_MAX_RESULTS_CAP + 1),
    HX("limits: max_string_bytes one above the cap (1 MiB)", JSON, MIN_JSON,
       ECSKP_ERR_INVALID_ARGUMENT, "max_string_bytes", NO_OFF, NO_IDX,
       .max_string_bytes = ECSKP_MAX_STRING_BYTES_CAP + 1),

    /* ---- max_nodes (decode.h limits). JSON: 1 + each '[', '{' and ',' outside strings;
     * XML: each start tag and each attribute. `{"RequestId":"R1"` is 17 bytes. */
    HXOK("limits: max_nodes met exactly (JSON: the top-level value and its '{')", JSON,
         "{\"RequestId\":\"R1\"}", .max_nodes = 2),
    HX("limits: max_nodes exceeded by one (JSON: at the '{')", JSON, "{\"RequestId\":\"R1\"}",
       ECSKP_ERR_TOO_MANY_NODES, "", 0, NO_IDX, .max_nodes = 1),
    HXOK("limits: max_nodes met exactly (JSON: a ',' is a node)", JSON,
         "{\"RequestId\":\"R1\",\"TotalCount\":1}", .max_nodes = 3),
    HX("limits: max_nodes exceeded by one (JSON: at the ',')", JSON,
       "{\"RequestId\":\"R1\",\"TotalCount\":1}", ECSKP_ERR_TOO_MANY_NODES, "", 17, NO_IDX,
       .max_nodes = 2),
    /* 1 + '{' + ',' + '[' + '[' + ',' + '{' = 7; the last '{' is at 26. */
    HXOK("limits: max_nodes met exactly (JSON: '[' and '{' in an unknown field)", JSON,
         "{\"RequestId\":\"R1\",\"X\":[[],{}]}", .max_nodes = 7),
    HX("limits: max_nodes exceeded by one (JSON: at the inner '{')", JSON,
       "{\"RequestId\":\"R1\",\"X\":[[],{}]}", ECSKP_ERR_TOO_MANY_NODES, "", 26, NO_IDX,
       .max_nodes = 6),
    HXOK("limits: max_nodes: brackets, commas and escaped quotes inside strings are not nodes",
         JSON, "{\"RequestId\":\"[{,\\\",]}\"}", .max_nodes = 2),
    HX("limits: max_nodes: the JSON offset counts the byte-order mark", JSON,
       "\xef\xbb\xbf{\"RequestId\":\"R1\"}", ECSKP_ERR_TOO_MANY_NODES, "", 3, NO_IDX,
       .max_nodes = 1),
    HXOK("limits: max_nodes met exactly (XML: two elements)", XML, XR(""), .max_nodes = 2),
    HX("limits: max_nodes exceeded by one (XML: at the second element's '<')", XML, XR(""),
       ECSKP_ERR_TOO_MANY_NODES, "", 23, NO_IDX, .max_nodes = 1),
    /* `<AttachKeyPairResponse a="1">` is 29 bytes; the attribute starts at 23. */
    HXOK("limits: max_nodes met exactly (XML: an attribute is a node)", XML,
         "<AttachKeyPairResponse a=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
         .max_nodes = 3),
    HX("limits: max_nodes exceeded by one (XML: at the element after the attribute)", XML,
       "<AttachKeyPairResponse a=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_NODES, "", 29, NO_IDX, .max_nodes = 2),
    HX("limits: max_nodes exceeded at an attribute (XML: its first byte)", XML,
       "<AttachKeyPairResponse a=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_NODES, "", 23, NO_IDX, .max_nodes = 1),
    HX("limits: max_nodes: a namespace declaration is an attribute node (XML)", XML,
       "<AttachKeyPairResponse xmlns=\"urn:a\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_NODES, "", 23, NO_IDX, .max_nodes = 1),
    HXOK("limits: max_nodes: end tags, comments, CDATA and the declaration are not nodes", XML,
         "<?xml version=\"1.0\"?>" XR("<!-- <a b=\"c\"> --><![CDATA[<y/>]]>"), .max_nodes = 2),
    /* A processing instruction's target is a name in libxml2's dictionary: a node. */
    HXOK("limits: max_nodes: a processing instruction is a node (met exactly)", XML,
         "<?xml version=\"1.0\"?>" XR("<?pi <x y=\"z\"/>?>"), .max_nodes = 3),
    /* 21 (the declaration) + 23 (`<AttachKeyPairResponse>`) + 25 (`<RequestId>R1</RequestId>`) */
    HX("limits: max_nodes: a processing instruction is a node (exceeded, at its '<')", XML,
       "<?xml version=\"1.0\"?>" XR("<?pi <x y=\"z\"/>?>"), ECSKP_ERR_TOO_MANY_NODES, "", 69,
       NO_IDX, .max_nodes = 2),
    HX("limits: max_nodes one above the cap (65,536)", XML, MIN_XML, ECSKP_ERR_INVALID_ARGUMENT,
       "max_nodes", NO_OFF, NO_IDX, .max_nodes = ECSKP_MAX_NODES_CAP + 1),
    HXOK("limits: max_nodes at the cap", XML, MIN_XML, .max_nodes = ECSKP_MAX_NODES_CAP),

    /* ---- max_attributes (decode.h limits): attributes of one start tag, xmlns ones included;
     * the refused one is the first over the limit, at its first byte. */
    HXOK("limits: max_attributes met exactly (3)", XML,
         "<AttachKeyPairResponse a=\"1\" b='2' c=\"3\"><RequestId>R1</RequestId>"
         "</AttachKeyPairResponse>",
         .max_attributes = 3),
    /* 22 + ` a="1"` (6) + ` b='2'` (6) = 34, then a space: `c` is at 35. */
    HX("limits: max_attributes exceeded by one (at the 3rd attribute)", XML,
       "<AttachKeyPairResponse a=\"1\" b='2' c=\"3\"><RequestId>R1</RequestId>"
       "</AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_ATTRIBUTES, "", 35, NO_IDX, .max_attributes = 2),
    H("limits: max_attributes default 8 met exactly", XML,
      "<AttachKeyPairResponse a1=\"1\" a2=\"1\" a3=\"1\" a4=\"1\" a5=\"1\" a6=\"1\" a7=\"1\" "
      "a8=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_OK, "", NO_OFF),
    /* 22 + 8 * ` aN="1"` (7) = 78, then a space: `a9` is at 79. */
    H("limits: max_attributes default 8 exceeded by one (at the 9th)", XML,
      "<AttachKeyPairResponse a1=\"1\" a2=\"1\" a3=\"1\" a4=\"1\" a5=\"1\" a6=\"1\" a7=\"1\" "
      "a8=\"1\" a9=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_TOO_MANY_ATTRIBUTES, "", 79),
    /* 22 + ` xmlns="urn:a"` (14) + ` xmlns:p="urn:b"` (16) = 52, then a space: `c` at 53. */
    HXOK("limits: max_attributes counts xmlns attributes (met exactly)", XML,
         "<AttachKeyPairResponse xmlns=\"urn:a\" xmlns:p=\"urn:b\" c=\"3\"><RequestId>R1"
         "</RequestId></AttachKeyPairResponse>",
         .max_attributes = 3),
    HX("limits: max_attributes counts xmlns attributes (exceeded by one)", XML,
       "<AttachKeyPairResponse xmlns=\"urn:a\" xmlns:p=\"urn:b\" c=\"3\"><RequestId>R1"
       "</RequestId></AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_ATTRIBUTES, "", 53, NO_IDX, .max_attributes = 2),
    HXOK("limits: max_attributes is per start tag, not per body", XML,
         "<AttachKeyPairResponse a=\"1\" b=\"2\"><RequestId c=\"3\" d=\"4\">R1</RequestId>"
         "</AttachKeyPairResponse>",
         .max_attributes = 2),
    HX("limits: max_attributes one above the cap (256)", XML, MIN_XML, ECSKP_ERR_INVALID_ARGUMENT,
       "max_attributes", NO_OFF, NO_IDX, .max_attributes = 257),
    HXOK("limits: max_attributes at the cap", XML, MIN_XML, .max_attributes = 256),

    /* ---- max_namespaces (decode.h limits): xmlns and xmlns:p declarations in the whole body;
     * the refused one is the declaration over the limit. `<AttachKeyPairResponse
     * xmlns="urn:a">` is 37 bytes, `<RequestId` 10, then a space: the second is at 48. */
    HXOK("limits: max_namespaces met exactly (2, on two elements)", XML,
         "<AttachKeyPairResponse xmlns=\"urn:a\"><RequestId xmlns:p=\"urn:b\">R1</RequestId>"
         "</AttachKeyPairResponse>",
         .max_namespaces = 2),
    HX("limits: max_namespaces exceeded by one (at the second declaration)", XML,
       "<AttachKeyPairResponse xmlns=\"urn:a\"><RequestId xmlns:p=\"urn:b\">R1</RequestId>"
       "</AttachKeyPairResponse>",
       ECSKP_ERR_TOO_MANY_NAMESPACES, "", 48, NO_IDX, .max_namespaces = 1),
    H("limits: max_namespaces default 8 met exactly", XML,
      "<AttachKeyPairResponse xmlns:p1=\"urn:1\" xmlns:p2=\"urn:2\" xmlns:p3=\"urn:3\" "
      "xmlns:p4=\"urn:4\" xmlns:p5=\"urn:5\" xmlns:p6=\"urn:6\" xmlns:p7=\"urn:7\" "
      "xmlns:p8=\"urn:8\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_OK, "", NO_OFF),
    /* 22 + 8 * ` xmlns:pN="urn:N"` (17) = 158, '>' makes 159, `<RequestId` 169, a space:
     * the 9th declaration is at 170. */
    H("limits: max_namespaces default 8 exceeded by one (at the 9th)", XML,
      "<AttachKeyPairResponse xmlns:p1=\"urn:1\" xmlns:p2=\"urn:2\" xmlns:p3=\"urn:3\" "
      "xmlns:p4=\"urn:4\" xmlns:p5=\"urn:5\" xmlns:p6=\"urn:6\" xmlns:p7=\"urn:7\" "
      "xmlns:p8=\"urn:8\"><RequestId xmlns:p9=\"urn:9\">R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_TOO_MANY_NAMESPACES, "", 170),
    HXOK("limits: max_namespaces: an attribute that only starts with xmlns is no declaration", XML,
         "<AttachKeyPairResponse xmlns=\"urn:a\" xmlnsx=\"1\"><RequestId>R1</RequestId>"
         "</AttachKeyPairResponse>",
         .max_namespaces = 1),
    HX("limits: max_namespaces one above the cap (64)", XML, MIN_XML, ECSKP_ERR_INVALID_ARGUMENT,
       "max_namespaces", NO_OFF, NO_IDX, .max_namespaces = 65),
    HXOK("limits: max_namespaces at the cap", XML, MIN_XML, .max_namespaces = 64),

    /* ---- max_markup_bytes (decode.h limits): one tag from '<' to '>' inclusive, comment, PI
     * or CDATA section; refused at its '<'. Each construct below is 40 bytes and starts at
     * XR_AT; the longest other one is `</AttachKeyPairResponse>` (24). */
    HXOK("limits: max_markup_bytes met exactly (a comment)", XML,
         XR("<!--012345678901234567890123456789012-->"), .max_markup_bytes = 40),
    HX("limits: max_markup_bytes exceeded by one (a comment)", XML,
       XR("<!--012345678901234567890123456789012-->"), ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX,
       .max_markup_bytes = 39),
    HXOK("limits: max_markup_bytes met exactly (a processing instruction)", XML,
         XR("<?pi 012345678901234567890123456789012?>"), .max_markup_bytes = 40),
    HX("limits: max_markup_bytes exceeded by one (a processing instruction)", XML,
       XR("<?pi 012345678901234567890123456789012?>"), ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX,
       .max_markup_bytes = 39),
    HXOK("limits: max_markup_bytes met exactly (a CDATA section)", XML,
         XR("<![CDATA[0123456789012345678901234567]]>"), .max_markup_bytes = 40),
    HX("limits: max_markup_bytes exceeded by one (a CDATA section)", XML,
       XR("<![CDATA[0123456789012345678901234567]]>"), ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX,
       .max_markup_bytes = 39),
    HXOK("limits: max_markup_bytes met exactly (a start tag)", XML,
         XR("<Extra a=\"012345678901234567890123456\"/>"), .max_markup_bytes = 40),
    HX("limits: max_markup_bytes exceeded by one (a start tag)", XML,
       XR("<Extra a=\"012345678901234567890123456\"/>"), ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT,
       NO_IDX, .max_markup_bytes = 39),
    /* `<Extra>` is 7 bytes: the end tag (7 + 32 spaces + 1) starts at XR_AT + 7. */
    HXOK("limits: max_markup_bytes met exactly (an end tag)", XML,
         XR("<Extra></Extra                                >"), .max_markup_bytes = 40),
    HX("limits: max_markup_bytes exceeded by one (an end tag)", XML,
       XR("<Extra></Extra                                >"), ECSKP_ERR_MARKUP_TOO_LONG, "",
       XR_AT + 7, NO_IDX, .max_markup_bytes = 39),
    /* `<?xml version="1.0" encoding="UTF-8"?>` is 38 bytes, the longest construct of the
     * documented XML error example. */
    HV("limits: max_markup_bytes: the XML declaration is a PI (met exactly)", V_ERR_XML, ECSKP_OK,
       "", NO_OFF, NO_IDX, .max_markup_bytes = 38),
    HV("limits: max_markup_bytes: the XML declaration is a PI (exceeded by one)", V_ERR_XML,
       ECSKP_ERR_MARKUP_TOO_LONG, "", 0, NO_IDX, .max_markup_bytes = 37),
    /* 6 + ` a="` (4) + 10 + `"` + ` b='"'` (6) + `/>` (2) = 29: '>' and '"' inside quoted values
     * do not end the tag. */
    HXOK("limits: max_markup_bytes: a tag runs to the '>' outside quoted values (met)", XML,
         XR("<Extra a=\">>>>>>>>>>\" b='\"'/>"), .max_markup_bytes = 29),
    HX("limits: max_markup_bytes: a tag runs to the '>' outside quoted values (one over)", XML,
       XR("<Extra a=\">>>>>>>>>>\" b='\"'/>"), ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX,
       .max_markup_bytes = 28),
    /* decode.h: a construct the body ends inside of counts to the end of the body. */
    HX("limits: max_markup_bytes: an unterminated comment counts to the end (one over)", XML,
       "<AttachKeyPairResponse><RequestId>R1</RequestId><!--0123456789012345678901234567890123456",
       ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX, .max_markup_bytes = 40),
    HX("limits: max_markup_bytes: an unterminated comment within it is left to libxml2", XML,
       "<AttachKeyPairResponse><RequestId>R1</RequestId><!--012345678901234567890123456789012345",
       ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET, NO_IDX, .max_markup_bytes = 40),
    HX("limits: max_markup_bytes: an unterminated start tag counts to the end (one over)", XML,
       "<AttachKeyPairResponse><RequestId>R1</RequestId><Extra a=\"0123456789012345678901234567890",
       ECSKP_ERR_MARKUP_TOO_LONG, "", XR_AT, NO_IDX, .max_markup_bytes = 40),
    HX("limits: max_markup_bytes one above the cap (10,000,000)", XML, MIN_XML,
       ECSKP_ERR_INVALID_ARGUMENT, "max_markup_bytes", NO_OFF, NO_IDX,
       .max_markup_bytes = 10000001),
    HXOK("limits: max_markup_bytes at the cap", XML, MIN_XML, .max_markup_bytes = 10000000),

    /* ---- markup the pre-scan cannot follow: malformed_body at the byte it cannot follow,
     * before libxml2 runs (xml_scan.c) */
    H("xml_scan.c: '<' followed by white space (at the white space)", XML,
      "<AttachKeyPairResponse>< RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", 24),
    H("xml_scan.c: a '<' in text followed by white space", XML,
      XR("<KeyPairName>a < b</KeyPairName>"), ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 13 + 3),
    H("xml_scan.c: '<>'", XML, XR("<>"), ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 1),
    H("xml_scan.c: an attribute without '=' (at the '>')", XML,
      "<AttachKeyPairResponse a><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", 24),
    H("xml_scan.c: an attribute without '=' before another one", XML,
      "<AttachKeyPairResponse a b=\"1\"><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", 25),
    H("xml_scan.c: an attribute value without quotes", XML,
      "<AttachKeyPairResponse a=1><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", 25),
    H("xml_scan.c: an attribute value without quotes, white space around '='", XML,
      "<AttachKeyPairResponse a = 1><RequestId>R1</RequestId></AttachKeyPairResponse>",
      ECSKP_ERR_MALFORMED_BODY, "", 27),
    H("xml_scan.c: a quote where an attribute name should be", XML, XR("<Extra \"a\"=\"1\"/>"),
      ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 7),
    H("xml_scan.c: '/' not followed by '>' in a start tag (at the byte after '/')", XML,
      XR("<Extra/ >"), ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 7),
    H("xml_scan.c: '/' not followed by '>' after an attribute", XML, XR("<Extra a=\"1\"/x>"),
      ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 13),
    /* Streaming would report TotalCount (wrong_type) first; the pre-scan runs before. */
    H("xml_scan.c: refused before libxml2 runs, ahead of an earlier field problem", XML,
      XR("<TotalCount>x</TotalCount><Extra a=1/>"), ECSKP_ERR_MALFORMED_BODY, "", XR_AT + 35),
    H("xml_scan.c: too_many_attributes before libxml2 runs, ahead of a field problem", XML,
      XR("<TotalCount>x</TotalCount><Extra a=\"\" b=\"\" c=\"\" d=\"\" e=\"\" f=\"\" g=\"\" h=\"\" "
         "i=\"\"/>"),
      ECSKP_ERR_TOO_MANY_ATTRIBUTES, "", XR_AT + 26 + 7 + 8 * 5),
    H("xml_scan.c: a body that ends inside a tag is left to libxml2", XML,
      "<AttachKeyPairResponse a=\"1", ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),

    /* ---- byte-order marks: exactly one at the start, or none (decode.h) */
    H("decode.h BOM: one UTF-8 byte-order mark before JSON", JSON,
      "\xef\xbb\xbf{\"RequestId\":\"r\"}", ECSKP_OK, "", NO_OFF),
    H("decode.h BOM: a second byte-order mark is malformed at 3", JSON,
      "\xef\xbb\xbf\xef\xbb\xbf{\"RequestId\":\"r\"}", ECSKP_ERR_MALFORMED_BODY, "", 3),
    H("decode.h BOM: a byte-order mark after white space", JSON,
      " \xef\xbb\xbf{\"RequestId\":\"r\"}", ECSKP_ERR_MALFORMED_BODY, "", 1),
    H("decode.h BOM: a byte-order mark after the JSON value", JSON,
      "{\"RequestId\":\"r\"}\xef\xbb\xbf", ECSKP_ERR_MALFORMED_BODY, "", 17),
    H("decode.h BOM: a byte-order mark inside a string is text", JSON,
      "{\"RequestId\":\"\xef\xbb\xbf\"}", ECSKP_OK, "", NO_OFF),
    H("decode.h BOM: two byte-order marks before XML", XML, "\xef\xbb\xbf\xef\xbb\xbf" MIN_XML,
      ECSKP_ERR_MALFORMED_BODY, "", ANY_OFFSET),
    H("json_scan.c: a non-ASCII byte outside a string (U+00A0 as white space)", JSON,
      "{\"RequestId\":\"r\"\xc2\xa0}", ECSKP_ERR_MALFORMED_BODY, "", 16),
    H("json_scan.c: a non-ASCII byte outside a string (U+200B before a name)", JSON,
      "{\xe2\x80\x8b\"RequestId\":\"r\"}", ECSKP_ERR_MALFORMED_BODY, "", 1),
    /* `{"RequestId":"r","TotalCount":` is 30 bytes. */
    H("json_scan.c: a non-ASCII digit (U+0662) as a number", JSON,
      "{\"RequestId\":\"r\",\"TotalCount\":\xd9\xa2}", ECSKP_ERR_MALFORMED_BODY, "", 30),

    /* ---- offsets after numbers: the tagged copy cJSON parses is 3 bytes longer per number,
     * offsets are the body's. `{"TotalCount":1,"RequestId":"R1"}` is 33 bytes. */
    H("json.c: trailing data after a number is at its body offset", JSON,
      "{\"TotalCount\":1,\"RequestId\":\"R1\"} x", ECSKP_ERR_TRAILING_DATA, "", 34),
    /* 17 + `,"TotalCount":1` (15) + `,"FailCount":0` (14) = 46, '}' makes 47. */
    H("json.c: trailing data after two numbers is at its body offset", JSON,
      "{\"RequestId\":\"R1\",\"TotalCount\":1,\"FailCount\":0}]", ECSKP_ERR_TRAILING_DATA, "", 47),
    /* An empty AccessDeniedDetail is `{}`, 2 bytes against max_string_bytes, in XML as in JSON
     * (found by the twins harness: XML checked only members). */
    HX("limits: max_string_bytes below an empty XML AccessDeniedDetail's `{}`", XML,
       "<Error><Code>c</Code><AccessDeniedDetail></AccessDeniedDetail></Error>",
       ECSKP_ERR_STRING_TOO_LONG, "AccessDeniedDetail", ANY_OFFSET, NO_IDX, .max_string_bytes = 1),
    HX("limits: max_string_bytes below an empty JSON AccessDeniedDetail's `{}`", JSON,
       "{\"Code\":\"c\",\"AccessDeniedDetail\":{}}", ECSKP_ERR_STRING_TOO_LONG,
       "AccessDeniedDetail", NO_OFF, NO_IDX, .max_string_bytes = 1),
    /* A number where a member's name must be would reach cJSON as a tagged string, which
     * cJSON takes for a name (review finding): refused by the pre-scan, at the number. */
    H("json_scan.c: a number as a member name", JSON, "{\"RequestId\":\"x\",1:2}",
      ECSKP_ERR_MALFORMED_BODY, "", 17),
    H("json_scan.c: a number as a member name in AccessDeniedDetail", JSON,
      "{\"Code\":\"Forbidden\",\"RequestId\":\"x\",\"AccessDeniedDetail\":{1:2}}",
      ECSKP_ERR_MALFORMED_BODY, "", 58),
    H("json_scan.c: a number, white space, then ':'", JSON, "{\"RequestId\":\"x\",\"A\":[1 \n:2]}",
      ECSKP_ERR_MALFORMED_BODY, "", 22),
    /* A backslash before a non-ASCII byte is an invalid escape of valid UTF-8, not invalid
     * UTF-8 (review finding: the scan stepped into the middle of the sequence). */
    H("json_scan.c: a backslash before a two-byte UTF-8 sequence", JSON,
      "{\"RequestId\":\"x\",\"Code\":\"\\\xc3\xa9\"}", ECSKP_ERR_MALFORMED_BODY, "", 25),
    H("json.c: a syntax error after a number is at its body offset", JSON,
      "{\"RequestId\":\"R1\",\"TotalCount\":1 2}", ECSKP_ERR_MALFORMED_BODY, "", 33),
};

/* A row's body and options: its own bytes (AttachKeyPair, its format), or the documented vector
 * it names with that vector's input; the row's limits either way. */
static const void *hrow_body(const hrow *r, size_t *len, ecskp_decode_options *o) {
    const void *body = r->body;
    if (r->vector != NULL) {
        const ecskp_vector *v = doc_vector(r->vector);
        ecskp_test_vector_decode_options(v, o);
        body = v->body;
        *len = v->body_len;
    } else {
        *o = (ecskp_decode_options){.action = ATTACH, .format = r->format};
        *len = r->len != 0 ? r->len : strlen(r->body);
    }
    o->limits = &r->limits;
    return body;
}

static void run_hrow(void **state) {
    const hrow *r = *state;
    ecskp_decode_options o;
    size_t len = 0;
    const void *body = hrow_body(r, &len, &o);
    ecskp_response *resp = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    print_message("source: %s\n", r->source);
    ecskp_status rc = decode_exact(body, len, &o, &resp, &d);
    if (r->want == ECSKP_OK) {
        ECSKP_EXPECT_OK(r->source, rc, &d);
        check_layout(r->source, resp);
        ecskp_response_free(resp);
        return;
    }
    expect_refusal(r->source, rc, &d, r->want, r->field, r->offset, r->index, len);
    ecskp_test_true(r->source, "no response on failure", resp == NULL);
    /* encode.h ecskp_utf8_check finds the same first invalid sequence as the decoder. */
    if (r->want == ECSKP_ERR_INVALID_UTF8)
        ECSKP_EXPECT_DIAG(r->source, ecskp_utf8_check(body, len, &d), &d, ECSKP_ERR_INVALID_UTF8,
                          NULL, r->offset, NO_IDX);
}

/* The limit rows that pass must give the same result as with default limits. */
static void test_limits_do_not_change_results(void **state) {
    (void)state;
    ECSKP_TEST_FOR_ROWS(const hrow, r, hrows) {
        if (r->want != ECSKP_OK || strncmp(r->source, "limits:", 7) != 0)
            continue;
        ecskp_decode_options o;
        size_t len = 0;
        const void *body = hrow_body(r, &len, &o);
        char *a = normalized(r->source, body, len, &o);
        o.limits = NULL;
        char *b = normalized(r->source, body, len, &o);
        ecskp_test_str(r->source, "the same as with the default limits", a, b);
        free(a);
        free(b);
    }
}

/* ------------------------------------------------------------------ XXE, proven by content */

#define MARKER "ECSKP-XXE-MARKER-7f3a9c"

static void assert_no_marker(const char *src, const ecskp_diag *d) {
    ecskp_test_true(src, "the marker is not in diag.message", strstr(d->message, MARKER) == NULL);
    ecskp_test_true(src, "the marker is not in diag.field", strstr(d->field, MARKER) == NULL);
}

/* The bodies that would read the marker file: an external entity, a parameter entity, an
 * external DTD, and an undeclared entity beside the file's name. */
static void xxe_bodies(const char *path, char bodies[4][1024]) {
    (void)snprintf(bodies[0], 1024,
                   "<?xml version=\"1.0\"?><!DOCTYPE AttachKeyPairResponse [<!ENTITY xxe SYSTEM "
                   "\"file://%s\">]><AttachKeyPairResponse><RequestId>&xxe;</RequestId>"
                   "</AttachKeyPairResponse>",
                   path);
    (void)snprintf(bodies[1], 1024,
                   "<!DOCTYPE AttachKeyPairResponse [<!ENTITY %% p SYSTEM \"file://%s\"> %%p;]>"
                   "<AttachKeyPairResponse><RequestId>R1</RequestId></AttachKeyPairResponse>",
                   path);
    (void)snprintf(bodies[2], 1024,
                   "<!DOCTYPE AttachKeyPairResponse SYSTEM \"%s\"><AttachKeyPairResponse>"
                   "<RequestId>&x;</RequestId></AttachKeyPairResponse>",
                   path);
    (void)snprintf(bodies[3], 1024,
                   "<Error><Code>X</Code><Message>&xxe;</Message><Note>file://%s</Note></Error>",
                   path);
}

/* A file with a marker that must never show up anywhere: libxml2 would have to read it to put
 * it into the result. Run with the process-wide libxml2 defaults that make a careless parser
 * substitute entities and load DTDs, to show that the per-context options win. Every body is
 * refused, so no response exists to carry the marker either. */
static void test_xxe_marker_file(void **state) {
    (void)state;
    static const char src[] = "XXE marker file";
    char path[] = "/tmp/ecskp-xxe-XXXXXX";
    int fd = mkstemp(path);
    ecskp_test_true(src, "mkstemp", fd >= 0);
    ecskp_test_true(src, "write", write(fd, MARKER, strlen(MARKER)) == (ssize_t)strlen(MARKER));
    close(fd);
    char bodies[4][1024];
    xxe_bodies(path, bodies);
    const ecskp_status want[4] = {ECSKP_ERR_DTD_REFUSED, ECSKP_ERR_DTD_REFUSED,
                                  ECSKP_ERR_DTD_REFUSED, ECSKP_ERR_MALFORMED_BODY};

    int old_subst = xmlSubstituteEntitiesDefault(1);
    int old_load = xmlLoadExtDtdDefaultValue;
    xmlLoadExtDtdDefaultValue = XML_DETECT_IDS | XML_COMPLETE_ATTRS;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < COUNT(bodies); i++) {
            ecskp_response *r = (ecskp_response *)(uintptr_t)1;
            ecskp_diag d;
            print_message("source: %s, body %zu, pass %d\n", src, i, pass);
            ECSKP_EXPECT_ERROR(src, decode(XML, ATTACH, bodies[i], strlen(bodies[i]), NULL, &r, &d),
                               &d, want[i]);
            ecskp_test_true(src, "no response", r == NULL);
            assert_no_marker(src, &d);
        }
        (void)xmlSubstituteEntitiesDefault(old_subst);
        xmlLoadExtDtdDefaultValue = old_load;
    }
    unlink(path);
}

/* ------------------------------------------------------------------ nesting */

static char *repeat_build(const char *head, const char *open, const char *close, size_t n,
                          const char *tail) {
    size_t len = strlen(head) + n * (strlen(open) + strlen(close)) + strlen(tail);
    char *s = malloc(len + 1), *p = s;
    ecskp_test_true("repeat_build", "malloc", s != NULL);
    p += sprintf(p, "%s", head);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s", open);
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s", close);
    (void)sprintf(p, "%s", tail);
    return s;
}

typedef struct deep {
    const char *source, *open, *close;
    size_t n, max_depth;
    ecskp_status want;
} deep;

static const deep deep_json[] = {
    {.source = "deep: 10 000 arrays in an unknown field",
     .open = "[",
     .close = "]",
     .n = 10000,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
    {.source = "deep: 10 000 objects in an unknown field",
     .open = "{\"a\":",
     .close = "}",
     .n = 10000,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
    {.source = "deep: 31 arrays under the top level meet the default 32",
     .open = "[",
     .close = "]",
     .n = 31,
     .want = ECSKP_OK},
    {.source = "deep: 32 arrays under the top level exceed it by one",
     .open = "[",
     .close = "]",
     .n = 32,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
    {.source = "deep: 255 arrays meet the cap 256",
     .open = "[",
     .close = "]",
     .n = 255,
     .max_depth = 256,
     .want = ECSKP_OK},
    {.source = "deep: 256 arrays exceed the cap 256",
     .open = "[",
     .close = "]",
     .n = 256,
     .max_depth = 256,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
};

static const deep deep_xml[] = {
    {.source = "deep: 10 000 nested unknown elements",
     .n = 10000,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
    {.source = "deep: 31 elements under the root meet the default 32", .n = 31, .want = ECSKP_OK},
    {.source = "deep: 32 elements under the root exceed it by one",
     .n = 32,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
    {.source = "deep: 255 elements under the root meet the cap 256",
     .n = 255,
     .max_depth = 256,
     .want = ECSKP_OK},
    {.source = "deep: 256 elements under the root exceed the cap",
     .n = 256,
     .max_depth = 256,
     .want = ECSKP_ERR_NESTING_TOO_DEEP},
};

#define DEEP_XML_HEAD "<AttachKeyPairResponse><RequestId>R1</RequestId>"

/* Each case nested c->n deep in an unknown field (JSON: c->open / c->close, XML: <a>): it
 * decodes within the limit; past it, nesting_too_deep at the bracket that goes past it (JSON,
 * found by json_scan) or within the refused tag (XML: the element at depth max + 1 is the
 * max-th <a>, the root being depth 1). */
static void run_deep(const deep *cases, size_t count, ecskp_format fmt) {
    for (size_t i = 0; i < count; i++) {
        const deep *c = &cases[i];
        char *body =
            fmt == JSON
                ? repeat_build("{\"RequestId\":\"R1\",\"Deep\":", c->open, c->close, c->n, "}")
                : repeat_build(DEEP_XML_HEAD, "<a>", "</a>", c->n, "</AttachKeyPairResponse>");
        ecskp_limits lim = {.max_depth = c->max_depth};
        size_t max = c->max_depth != 0 ? c->max_depth : ECSKP_DEFAULT_MAX_DEPTH;
        size_t tag = strlen(DEEP_XML_HEAD) + (max - 1) * 3;
        ecskp_response *r = NULL;
        ecskp_diag d;
        print_message("source: %s\n", c->source);
        ecskp_status rc = decode(fmt, ATTACH, body, strlen(body), &lim, &r, &d);
        if (c->want == ECSKP_OK) {
            ECSKP_EXPECT_OK(c->source, rc, &d);
            check_layout(c->source, r);
            ecskp_response_free(r);
        } else if (fmt == JSON) {
            ECSKP_EXPECT_DIAG(c->source, rc, &d, c->want, "",
                              json_scan(body, strlen(body), max, 1, NULL), NO_IDX);
        } else {
            ECSKP_EXPECT_ERROR(c->source, rc, &d, c->want);
            ecskp_test_true(c->source, "diag.offset within the refused tag",
                            d.offset >= tag && d.offset <= tag + 3);
        }
        if (c->want != ECSKP_OK)
            ecskp_test_true(c->source, "no response", r == NULL);
        free(body);
    }
}

static void test_deep_json(void **state) {
    (void)state;
    run_deep(deep_json, COUNT(deep_json), JSON);
}

static void test_deep_xml(void **state) {
    (void)state;
    run_deep(deep_xml, COUNT(deep_xml), XML);
}

/* The depth limit also covers the known structure: the documented success body needs 4. */
static void test_depth_of_documented_bodies(void **state) {
    (void)state;
    static const char src[] = "decode.h limits: max_depth 3 and the documented bodies";
    ecskp_limits lim = {.max_depth = 3};
    ecskp_response *r = NULL;
    ecskp_diag d;
    const ecskp_vector *json = doc_vector(V_ATTACH_JSON);
    ECSKP_EXPECT_DIAG(src, decode(JSON, ATTACH, json->body, json->body_len, &lim, &r, &d), &d,
                      ECSKP_ERR_NESTING_TOO_DEEP, "",
                      json_scan(json->body, strlen(json->body), 3, 1, NULL), NO_IDX);
    /* In the XML one the first depth-4 element is the first <Message>. */
    const ecskp_vector *xml = doc_vector(V_ATTACH_XML);
    size_t tag = (size_t)(strstr(xml->body, "<Message>") - xml->body);
    ECSKP_EXPECT_ERROR(src, decode(XML, ATTACH, xml->body, xml->body_len, &lim, &r, &d), &d,
                       ECSKP_ERR_NESTING_TOO_DEEP);
    ecskp_test_true(src, "diag.offset within the first <Message>",
                    d.offset >= tag && d.offset <= tag + strlen("<Message>"));
}

/* ------------------------------------------------------------------ truncation */

/* One prefix of n bytes of a documented body: refused as `want`, or decoded to `full`. */
static void truncated(const ecskp_vector *v, const ecskp_decode_options *o, size_t n,
                      ecskp_status want, const char *full) {
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    ecskp_status rc = decode_exact(v->body, n, o, &r, &d);
    if (rc != want)
        print_error("%s cut at %zu: got %s (%s), want %s\n", v->name, n, d.name, d.message,
                    ecskp_status_name(want));
    if (want == ECSKP_OK) {
        ECSKP_EXPECT_OK(v->name, rc, &d);
        char *out = normalized_json(v->name, r);
        ecskp_test_str(v->name, "the complete document's result", out, full);
        free(out);
        ecskp_response_free(r);
        return;
    }
    ECSKP_EXPECT_ERROR(v->name, rc, &d, want);
    ecskp_test_true(v->name, "no response", r == NULL);
    ecskp_test_str(v->name, "diag.field", d.field, "");
    ecskp_test_true(v->name, "diag.offset within the prefix", n == 0 || d.offset <= n);
}

/*
 * Every prefix of every documented vector that decodes. Decision: a prefix without its first
 * byte is empty_body; a prefix that ends before the document's last byte (the root's '>' or
 * the object's '}') is malformed_body, with an offset inside the prefix; any longer prefix is
 * the complete document and decodes to the same result.
 */
static void test_truncation(void **state) {
    (void)state;
    size_t documents = 0;
    FOR_DECODING_VECTORS(v) {
        ecskp_decode_options o;
        ecskp_test_vector_decode_options(v, &o);
        size_t complete = v->body_len;
        while (complete > 0 && strchr(" \t\r\n", v->body[complete - 1]) != NULL)
            complete--;
        print_message("source: truncation of conformance/decode/%s\n", v->name);
        char *full = normalized(v->name, v->body, v->body_len, &o);
        for (size_t n = 0; n <= v->body_len; n++)
            truncated(v, &o, n,
                      n == 0         ? ECSKP_ERR_EMPTY_BODY
                      : n < complete ? ECSKP_ERR_MALFORMED_BODY
                                     : ECSKP_OK,
                      full);
        free(full);
        documents++;
    }
    ecskp_test_true("vectors.h", "documented decode vectors to cut", documents > 0);
}

/* ------------------------------------------------------------------ streaming bounds */

static char *many_results_xml(size_t n) {
    static const char one[] =
        "<Result><InstanceId>i-0123456789abcdefghij</InstanceId><Code>200</Code><Message>"
        "successful</Message><Success>true</Success></Result>";
    size_t len = 128 + n * (sizeof one - 1);
    char *s = malloc(len), *p = s;
    ecskp_test_true("many_results_xml", "malloc", s != NULL);
    p += sprintf(p, "<AttachKeyPairResponse><RequestId>R1</RequestId><Results>");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s", one);
    (void)sprintf(p, "</Results></AttachKeyPairResponse>");
    return s;
}

static char *many_results_json(size_t n) {
    static const char one[] =
        "{\"InstanceId\":\"i-0123456789abcdefghij\",\"Code\":\"200\",\"Message\":\"successful\","
        "\"Success\":true}";
    size_t len = 128 + n * sizeof one;
    char *s = malloc(len), *p = s;
    ecskp_test_true("many_results_json", "malloc", s != NULL);
    p += sprintf(p, "{\"RequestId\":\"R1\",\"Results\":{\"Result\":[");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%s%s", i > 0 ? "," : "", one);
    (void)sprintf(p, "]}}");
    return s;
}

/* The peak of the caller's allocator while `entries` Results (1 001 or 5 000) are refused. */
static size_t results_refusal_peak(ecskp_format fmt, size_t entries) {
    char *body = fmt == XML ? many_results_xml(entries) : many_results_json(entries);
    ecskp_test_counter c;
    ecskp_allocator a = ecskp_test_counting(&c);
    /* 5 000 Results are about 30 000 nodes: max_nodes at its cap lets them through. */
    ecskp_limits lim = {.max_nodes = ECSKP_MAX_NODES_CAP};
    ecskp_decode_options o = {.action = ATTACH, .format = fmt, .limits = &lim, .alloc = &a};
    ecskp_response *r = (ecskp_response *)(uintptr_t)1;
    ecskp_diag d;
    char src[96];
    (void)snprintf(src, sizeof src, "decode.h max_results, %s, %zu entries", ecskp_format_name(fmt),
                   entries);
    print_message("source: %s\n", src);
    ECSKP_EXPECT_ERROR(src, ecskp_response_decode(body, strlen(body), &o, &r, &d), &d,
                       ECSKP_ERR_TOO_MANY_RESULTS);
    ecskp_test_str(src, "diag.field", d.field, "Result");
    ecskp_test_size(src, "diag.index (= max_results)", d.index, ECSKP_DEFAULT_MAX_RESULTS);
    ecskp_test_true(src, "no response", r == NULL);
    ecskp_test_size(src, "blocks left allocated", c.live, 0);
    ecskp_test_size(src, "bytes left allocated", c.bytes, 0);
    free(body);
    return c.peak;
}

/*
 * decode.h: Results beyond max_results are never built. Refusing 5 000 entries with the limit
 * at 1 000 must take exactly the memory that refusing 1 001 takes: nothing after the limit is
 * kept.
 */
static void test_results_limit_never_builds_beyond(void **state) {
    (void)state;
    static const ecskp_format formats[] = {XML, JSON};
    static const size_t sizes[2] = {ECSKP_DEFAULT_MAX_RESULTS + 1, 5000};
    for (size_t f = 0; f < COUNT(formats); f++) {
        const char *src =
            formats[f] == XML ? "decode.h max_results (XML)" : "decode.h max_results (JSON)";
        size_t peak[2], copy[2] = {0, 0};
        for (size_t k = 0; k < COUNT(sizes); k++)
            peak[k] = results_refusal_peak(formats[f], sizes[k]);
        /* JSON: the only difference is the transient copy cJSON parses, whose size decode.h
         * gives (len + 3 * min(max_nodes, len / 2 + 1)); XML allocates nothing per byte. */
        for (size_t k = 0; formats[f] == JSON && k < COUNT(sizes); k++) {
            char *body = many_results_json(sizes[k]);
            size_t len = strlen(body), numbers = len / 2 + 1;
            copy[k] = len + 3 * (numbers < ECSKP_MAX_NODES_CAP ? numbers : ECSKP_MAX_NODES_CAP);
            free(body);
        }
        ecskp_test_size(src, "the peak grows by the transient copy only", peak[1] - peak[0],
                        copy[1] - copy[0]);

        /* Exactly at the limit: all 1 000 are there. */
        char *body = formats[f] == XML ? many_results_xml(1000) : many_results_json(1000);
        ecskp_decode_options o = {.action = ATTACH, .format = formats[f]};
        ecskp_response *r = NULL;
        ecskp_diag d;
        ECSKP_EXPECT_OK(src, ecskp_response_decode(body, strlen(body), &o, &r, &d), &d);
        check_layout(src, r);
        ecskp_test_size(src, "result_count", r->success->result_count, 1000);
        ecskp_test_str(src, "the last Result", r->success->results[999]->instance_id,
                       "i-0123456789abcdefghij");
        ecskp_test_size(src, "failed_count", r->success->failed_count, 0);
        ecskp_response_free(r);
        free(body);
    }
}

/* Text that spans libxml2's internal buffers and the pieces it reads through the callback. */
static void test_long_text_across_slices(void **state) {
    (void)state;
    static const char src[] = "decode.h max_string_bytes: 40,000 bytes of XML text";
    size_t n = 40000;
    char *body = malloc(n + 200);
    ecskp_test_true(src, "malloc", body != NULL);
    int k = sprintf(body, "<AttachKeyPairResponse><RequestId>R1</RequestId><KeyPairName>");
    for (size_t i = 0; i < n; i++)
        body[(size_t)k + i] = (char)('a' + i % 26);
    (void)sprintf(body + k + n, "</KeyPairName></AttachKeyPairResponse>");
    ecskp_limits exact = {.max_string_bytes = n}, short_by_one = {.max_string_bytes = n - 1};
    ecskp_response *r = NULL;
    ecskp_diag d;
    ECSKP_EXPECT_OK(src, decode(XML, ATTACH, body, strlen(body), &exact, &r, &d), &d);
    check_layout(src, r);
    ecskp_test_mem(src, "KeyPairName", r->success->key_pair_name, strlen(r->success->key_pair_name),
                   body + k, n);
    ecskp_response_free(r);
    ECSKP_EXPECT_ERROR(src, decode(XML, ATTACH, body, strlen(body), &short_by_one, &r, &d), &d,
                       ECSKP_ERR_STRING_TOO_LONG);
    ecskp_test_str(src, "diag.field", d.field, "KeyPairName");
    free(body);
}

/* ------------------------------------------------------------------ allocation failure */

typedef struct oom_case {
    const char *source;
    ecskp_format format;
    const char *body;   /* or */
    const char *vector; /* a documented vector, with its input */
} oom_case;

/* Fails allocation 1, 2, 3 ... of one body until the call succeeds: every failure must be
 * out_of_memory with nothing handed out and nothing left allocated; returns the failures. */
static size_t fail_each_allocation(const char *src, const void *body, size_t len,
                                   const ecskp_decode_options *base, const char *want) {
    size_t steps = 0;
    for (size_t fail_at = 1;; fail_at++) {
        ecskp_test_counter c;
        ecskp_allocator a = ecskp_test_counting(&c);
        c.fail_at = fail_at;
        ecskp_decode_options o = *base;
        o.alloc = &a;
        ecskp_response *r = (ecskp_response *)(uintptr_t)1;
        ecskp_diag d;
        ecskp_status rc = ecskp_response_decode(body, len, &o, &r, &d);
        if (rc == ECSKP_OK) {
            check_layout(src, r);
            char *out = normalized_json(src, r);
            ecskp_test_str(src, "the result once allocation succeeds", out, want);
            free(out);
            ecskp_response_free(r);
            ecskp_test_size(src, "blocks left after ecskp_response_free", c.live, 0);
            ecskp_test_size(src, "bytes left after ecskp_response_free", c.bytes, 0);
            return steps;
        }
        print_message("source: OOM %s, failing allocation %zu\n", src, fail_at);
        ECSKP_EXPECT_ERROR(src, rc, &d, ECSKP_ERR_OUT_OF_MEMORY);
        ecskp_test_true(src, "no response", r == NULL);
        ecskp_test_size(src, "blocks left allocated", c.live, 0);
        ecskp_test_size(src, "bytes left allocated", c.bytes, 0);
        steps++;
        ecskp_test_true(src, "fewer than 1000 allocations", steps < 1000);
    }
}

/* SQLite-style, over the documented vectors and bodies that grow each part of the response. */
static void test_out_of_memory(void **state) {
    (void)state;
    char *many = many_results_xml(40);
    char *detail = malloc(4096), *p = detail;
    ecskp_test_true("test_out_of_memory", "malloc", detail != NULL);
    p += sprintf(p, "{\"Code\":\"Forbidden.RAM\",\"AccessDeniedDetail\":{");
    for (int i = 0; i < 40; i++)
        p += sprintf(p, "%s\"K%02d\":\"v\"", i > 0 ? "," : "", i);
    (void)sprintf(p, "}}");
    const oom_case cases[] = {
        {.source = "AttachKeyPair API reference XML", .vector = V_ATTACH_XML},
        {.source = "AttachKeyPair API reference JSON", .vector = V_ATTACH_JSON},
        {.source = "API error diagnosis XML", .vector = V_ERR_XML},
        {.source = "API error diagnosis JSON", .vector = V_ERR_JSON},
        {.source = "40 Results, XML (the Results block grows)", .format = XML, .body = many},
        {.source = "AccessDeniedDetail with 40 members, JSON", .format = JSON, .body = detail},
        {.source = "AccessDeniedDetail, XML",
         .format = XML,
         .body = "<Error><Code>Forbidden.RAM</Code><AccessDeniedDetail><A>1</A><B>2</B><C>3</C>"
                 "</AccessDeniedDetail></Error>"},
        {.source = "a partial failure (the failed list)",
         .format = JSON,
         .body = "{\"RequestId\":\"R1\",\"FailCount\":1,\"Results\":[{\"Success\":false}]}"},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        ecskp_decode_options o = {.action = ATTACH, .format = cases[i].format};
        const void *body = cases[i].body;
        size_t len = body != NULL ? strlen(cases[i].body) : 0;
        if (cases[i].vector != NULL) {
            const ecskp_vector *v = doc_vector(cases[i].vector);
            ecskp_test_vector_decode_options(v, &o);
            body = v->body;
            len = v->body_len;
        }
        char *want = normalized(cases[i].source, body, len, &o);
        size_t steps = fail_each_allocation(cases[i].source, body, len, &o, want);
        ecskp_test_true(cases[i].source, "at least one allocation to fail", steps >= 1);
        free(want);
    }
    free(many);
    free(detail);
}

/* ------------------------------------------------------------------ main */

static const ecskp_test_named single[] = {
    ECSKP_TEST_NAMED(test_limits_do_not_change_results),
    ECSKP_TEST_NAMED(test_xxe_marker_file),
    ECSKP_TEST_NAMED(test_deep_json),
    ECSKP_TEST_NAMED(test_deep_xml),
    ECSKP_TEST_NAMED(test_depth_of_documented_bodies),
    ECSKP_TEST_NAMED(test_truncation),
    ECSKP_TEST_NAMED(test_results_limit_never_builds_beyond),
    ECSKP_TEST_NAMED(test_long_text_across_slices),
    ECSKP_TEST_NAMED(test_out_of_memory),
};

int main(void) {
    static ecskp_test_list tests;
    ECSKP_TEST_ADD_ROWS(&tests, hrows, source, run_hrow);
    return ecskp_test_run_rows_then(&tests, "decode hostile rows", single, COUNT(single),
                                    "decode hostile");
}
