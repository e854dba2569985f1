/* train_gen: data for bench/train (compiled by the script; not part of eyeball).
 *
 *   train_gen N D K DIR SEED
 *       DIR/samples.csv: N samples (id,path,label,split) over K classes, 80% train, 10%
 *       dev, 10% test; 3% of the labels replaced by another class. DIR/emb.csv: one
 *       D-dimensional vector per sample (id,e0,...), its class's centre (standard normal
 *       numbers, scaled by 0.35) plus standard normal noise, as 6 significant digits.
 *
 * Random numbers come from splitmix64 (Box-Muller for normals), so a seed gives the same
 * files everywhere. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint64_t next(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double uniform(void)
{
    return ((double)(next() >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
    return sqrt(-2 * log(uniform())) * cos(6.283185307179586 * uniform());
}

int main(int argc, char **argv)
{
    if (argc != 6) {
        fprintf(stderr, "usage: train_gen N D K DIR SEED\n");
        return 2;
    }
    long n = atol(argv[1]), d = atol(argv[2]), k = atol(argv[3]);
    state = strtoull(argv[5], NULL, 10);
    char path[4096];
    snprintf(path, sizeof path, "%s/samples.csv", argv[4]);
    FILE *s = fopen(path, "w");
    snprintf(path, sizeof path, "%s/emb.csv", argv[4]);
    FILE *e = fopen(path, "w");
    if (!s || !e || n <= 0 || d <= 0 || k < 2) {
        fprintf(stderr, "train_gen: bad arguments or cannot write to %s\n", argv[4]);
        return 2;
    }
    double *centre = malloc((size_t)(k * d) * sizeof *centre);
    for (long i = 0; i < k * d; i++)
        centre[i] = 0.35 * normal();
    fputs("id,path,label,split\n", s);
    fputs("id", e);
    for (long j = 0; j < d; j++)
        fprintf(e, ",e%ld", j);
    fputc('\n', e);
    for (long i = 0; i < n; i++) {
        long c = (long)(next() % (uint64_t)k), label = c;
        if (uniform() < 0.03)
            label = (c + 1 + (long)(next() % (uint64_t)(k - 1))) % k;
        long r = i % 10;
        fprintf(s, "s%07ld,img/s%07ld.png,class%ld,%s\n", i, i, label,
                r < 8 ? "train" : r == 8 ? "dev" : "test");
        fprintf(e, "s%07ld", i);
        for (long j = 0; j < d; j++)
            fprintf(e, ",%.6g", centre[c * d + j] + normal());
        fputc('\n', e);
    }
    free(centre);
    return fclose(s) != 0 || fclose(e) != 0 ? 2 : 0;
}
