#!/usr/bin/env python3
"""blobs_dump.py DB MODEL COLUMN: one of MODEL's probability columns (probs or oof) as a
predictions CSV for 'eyeball import preds' (id,pred,prob:<class>...), each probability
written so that it reads back as the same double, pred the most probable class."""
import json
import sqlite3
import struct
import sys

db, model, column = sys.argv[1:4]
con = sqlite3.connect(db)
classes = json.loads(con.execute("SELECT classes FROM models WHERE name = ?", (model,)).fetchone()[0])
print("id,pred," + ",".join("prob:" + c for c in classes))
rows = con.execute("SELECT s.id, p.%s FROM preds p JOIN samples s USING(sid) JOIN models m USING(mid) "
                   "WHERE m.name = ? ORDER BY s.id" % column, (model,))
for sid, blob in rows:
    p = struct.unpack("<%dd" % len(classes), blob)
    best = max(range(len(p)), key=lambda c: (p[c], -c))
    print("%s,%s,%s" % (sid, classes[best], ",".join(repr(x) for x in p)))
