#!/bin/sh
# suspects over train warns that in-sample probabilities make the result unreliable.
. "$top_srcdir/tests/cli/lib.sh"

printf 'id,path,label,split\na,a.png,cat,train\nb,b.png,dog,train\nc,c.png,cat,dev\nd,d.png,dog,dev\n' > s.csv
printf 'id,pred,prob:cat,prob:dog\na,cat,0.9,0.1\nb,dog,0.2,0.8\nc,cat,0.7,0.3\nd,cat,0.6,0.4\n' > p.csv
eb import samples s.csv
eb import preds p.csv --model m
is "set-up" "$RC" 0
warning="eyeball: warning: confident learning needs out-of-sample probabilities; on train, a model's predictions are in-sample (it learnt those labels), so the result for train is unreliable unless the predictions are out-of-fold (cross-validated)"
eb suspects --split train,dev --format csv
is "with train: runs" "$RC" 0
is "with train: the warning on stderr" "$ERR" "$warning"
like "and the result on stdout" "$OUT" "^id,split,given,suggested,self_confidence,normalized_margin"
eb suspects --split dev --format csv
is "without train: no warning" "$RC:$ERR" "0:"
done_testing
