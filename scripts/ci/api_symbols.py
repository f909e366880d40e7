#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""api_symbols.py HEADER... - prints, sorted, one a line, the names of the functions the given
headers declare with ECSKP_API: the symbols the shared library must export (scripts/ci/abi.sh
compares them with `nm -D --defined-only`).

Comments, string and character literals and preprocessor lines (with their continuations) are
removed first, so the ECSKP_API of `#define ECSKP_API ...` and of comments does not count. Each
remaining ECSKP_API starts a declaration that ends at the next `;`; the function's name is the
identifier right before the declaration's first `(`. Anything else (a declaration without `(`,
a definition with a body, a name that is not ecskp_<lower-case name>, an internal ecskp__ name,
a name declared twice) is an error: exit status 1 with the reason, so the check never compares
against a list it misread.
"""
import re
import sys

NAME = re.compile(r"ecskp_[a-z0-9][a-z0-9_]*\Z")


def strip(text):
    """The text without comments, literals and preprocessor lines; newlines are kept."""
    out = []
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c in " \t":
            out.append(c)
            i += 1
            continue
        if line_start and c == "#":
            # A directive, with its backslash continuations (comments inside are dropped too).
            while i < n and text[i] != "\n":
                if text[i] == "\\" and i + 1 < n and text[i + 1] == "\n":
                    i += 2
                    out.append("\n")
                    continue
                if text.startswith("/*", i):
                    end = text.find("*/", i + 2)
                    if end < 0:
                        raise ValueError("unterminated comment")
                    out.append("\n" * text.count("\n", i, end))
                    i = end + 2
                    continue
                i += 1
            continue
        line_start = False
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise ValueError("unterminated comment")
            out.append(" " + "\n" * text.count("\n", i, end))
            i = end + 2
        elif text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            if j >= n:
                raise ValueError("unterminated literal")
            out.append(" ")
            i = j + 1
        else:
            out.append(c)
            if c == "\n":
                line_start = True
            i += 1
    return "".join(out)


def declared(path):
    with open(path, encoding="utf-8") as f:
        code = strip(f.read())
    names = []
    for m in re.finditer(r"\bECSKP_API\b", code):
        line = code.count("\n", 0, m.start()) + 1
        end = code.find(";", m.end())
        decl = code[m.end() : end if end >= 0 else len(code)]
        where = f"{path}:{line}"
        if end < 0 or "{" in decl:
            raise ValueError(f"{where}: an ECSKP_API declaration that does not end with ';'")
        paren = decl.find("(")
        if paren < 0:
            raise ValueError(f"{where}: ECSKP_API on something that is not a function")
        ident = re.search(r"([A-Za-z_][A-Za-z0-9_]*)\s*\Z", decl[:paren])
        name = ident.group(1) if ident else decl[:paren].strip()
        if not NAME.match(name) or name.startswith("ecskp__"):
            raise ValueError(f"{where}: '{name}' is not a public ecskp_ function name")
        names.append((name, where))
    return names


def main(argv):
    if len(argv) < 2:
        print("usage: api_symbols.py HEADER...", file=sys.stderr)
        return 2
    seen = {}
    try:
        for path in argv[1:]:
            for name, where in declared(path):
                if name in seen:
                    raise ValueError(f"{where}: {name} already declared at {seen[name]}")
                seen[name] = where
    except (OSError, ValueError) as e:
        print(f"api_symbols.py: {e}", file=sys.stderr)
        return 1
    if not seen:
        print("api_symbols.py: no ECSKP_API function in the headers", file=sys.stderr)
        return 1
    for name in sorted(seen):
        print(name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
