#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Writes the first ```c block of README.md that defines main() to the output file."""
import re
import sys

src, dst = sys.argv[1], sys.argv[2]
text = open(src, encoding="utf-8").read()
for block in re.findall(r"```c\n(.*?)```", text, flags=re.S):
    if "int main(" in block:
        with open(dst, "w", encoding="utf-8") as out:
            out.write(block)
        break
else:
    sys.exit("no ```c block with main() in " + src)
