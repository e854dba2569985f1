/* Unit tests of store_suspects.c: loading a model's labels and probabilities, and the
 * list a suspects review pass is built from (suspects_for_pass). The data is example A of
 * test_suspects.c: s3 (cat, P(cat) = 0.0625) and s9 (fox, P(fox) = 0.0625) are flagged,
 * in that order (equal self-confidence, input order). */
#include "config.h"
#include "import.h"
#include "store.h"
#include "store_suspects.h"
#include "tap.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
}

int main(void)
{
    char dir[] = "/tmp/eyeball-suspects-XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    char *db = xasprintf("%s/s.db", dir), *samples = xasprintf("%s/samples.csv", dir);
    char *preds = xasprintf("%s/preds.csv", dir);
    write_file(samples, "id,path,label,split\n"
                        "s0,0.png,cat,dev\ns1,1.png,cat,dev\ns2,2.png,cat,test\n"
                        "s3,3.png,cat,dev\ns4,4.png,dog,dev\ns5,5.png,dog,test\n"
                        "s6,6.png,dog,test\ns7,7.png,fox,dev\ns8,8.png,fox,test\n"
                        "s9,9.png,fox,test\nt0,t.png,cat,train\n");
    write_file(preds, "id,pred,prob:cat,prob:dog,prob:fox\n"
                      "s0,cat,0.75,0.125,0.125\ns1,cat,0.875,0.0625,0.0625\n"
                      "s2,cat,0.5,0.25,0.25\ns3,dog,0.0625,0.75,0.1875\n"
                      "s4,dog,0.125,0.75,0.125\ns5,dog,0.0625,0.875,0.0625\n"
                      "s6,dog,0.25,0.5,0.25\ns7,fox,0.125,0.125,0.75\n"
                      "s8,fox,0.0625,0.0625,0.875\ns9,cat,0.875,0.0625,0.0625\n");
    err_t e = {0};
    import_stats_t stats;
    store_t *st = store_open(db, STORE_CREATE, &e);
    ok(st && import_samples(st, samples, "csv", NULL, 0, &stats, &e) == 0 &&
           import_preds(st, preds, "m1", "csv", &stats, &e) == 0,
       "example A imported");

    suspects_data_t d;
    ok(store_suspects_load(st, NULL, "dev,test", &d, &e) == 0, "load the newest model");
    is_str(d.model, "m1", "its name");
    is_int(d.k, 3, "three classes");
    is_str(d.classes[2], "fox", "classes in the store's order");
    is_int(d.n, 10, "ten examples of dev and test (t0 is train)");
    is_int(d.per_split[0], 5, "five of dev");
    is_int(d.labels[3], 0, "s3 is labelled cat");
    ok(d.probs[3 * 3 + 1] == 0.75, "P(dog) of s3");
    is_int(d.unpredicted, 0, "every sample has a prediction");
    suspects_data_free(&d);

    ok(store_suspects_load(st, NULL, "train", &d, &e) < 0 && e.code == EXIT_USER,
       "no prediction in train: a user error");
    is_str(e.msg, "model 'm1' has no predictions for samples in train; import predictions for "
                  "them, or choose other splits", "its message");

    long long *sids;
    char **reasons;
    size_t n;
    ok(suspects_for_pass(st, 1, "dev,test", 0, &sids, &reasons, &n, &e) == 0,
       "suspects for a pass");
    is_int(n, 2, "two suspects");
    is_int(sids[0], 4, "s3 first (sample key 4)");
    is_int(sids[1], 10, "s9 second (sample key 10)");
    is_str(reasons[0], "labelled cat (p=0.06); the model is confident it is dog (p=0.75, above "
                       "the dog threshold 0.71)", "the reason for s3");
    for (size_t i = 0; i < n; i++)
        free(reasons[i]);
    free(reasons);
    free(sids);
    ok(suspects_for_pass(st, 1, "dev,test", 1, &sids, &reasons, &n, &e) == 0 && n == 1 &&
           sids[0] == 4, "top 1");
    free(reasons[0]);
    free(reasons);
    free(sids);
    ok(suspects_for_pass(st, 7, "dev,test", 0, &sids, &reasons, &n, &e) < 0 &&
           e.code == EXIT_USER, "an unknown model key is refused");

    store_close(st);
    unlink(samples);
    unlink(preds);
    char *wal = xasprintf("%s-wal", db), *shm = xasprintf("%s-shm", db);
    unlink(db);
    unlink(wal);
    unlink(shm);
    rmdir(dir);
    free(wal);
    free(shm);
    free(db);
    free(samples);
    free(preds);
    return tap_done();
}
