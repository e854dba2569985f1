#!/usr/bin/env python3
"""npy.py FILE DESCR FORTRAN SHAPE [VALUE...]: writes a .npy file (format version 1.0) as
numpy.save would, without numpy: DESCR '<f4', '<f8', '<i4' ...; FORTRAN True or False;
SHAPE "3,2" or "3"; the values row by row ("nan" and "inf" allowed). For the tests of
'eyeball import embeddings' on .npy files."""
import struct
import sys

path, descr, fortran, shape = sys.argv[1:5]
values = [float(v) for v in sys.argv[5:]]
dims = tuple(int(x) for x in shape.split(","))
shape_text = "(%d,)" % dims[0] if len(dims) == 1 else "(%s)" % ", ".join(str(d) for d in dims)
header = "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }" % (descr, fortran, shape_text)
pad = 64 - (10 + len(header) + 1) % 64
header = header + " " * pad + "\n"
code = {"<f4": "<f", "<f8": "<d", "<i4": "<i"}[descr]
body = b"".join(struct.pack(code, int(v) if code == "<i" else v) for v in values)
with open(path, "wb") as f:
    f.write(b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + body)
