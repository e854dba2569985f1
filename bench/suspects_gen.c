/* suspects_gen: writes a samples CSV and a predictions CSV with class probabilities for
 * the suspects benchmark. usage: suspects_gen N K DIR SEED
 *
 * Sample i gets a true class, a given label that is wrong with probability 8%, split dev
 * (i % 100 == 0), test (i % 100 == 1) or train, and probabilities from a softmax of noisy
 * scores in which the true class is favoured, printed with 6 decimals (so exact ties
 * happen, as with real models). The generator is splitmix64, so a seed gives the same
 * files everywhere. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t state;

static uint64_t splitmix64(void)
{
    uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* Uniform in [0, 1). */
static double uniform(void)
{
    return (double)(splitmix64() >> 11) * 0x1.0p-53;
}

int main(int argc, char **argv)
{
    if (argc != 5) {
        fprintf(stderr, "usage: suspects_gen N K DIR SEED\n");
        return 2;
    }
    long n = atol(argv[1]);
    int k = atoi(argv[2]);
    state = strtoull(argv[4], NULL, 10);
    if (n < 1 || k < 2 || k > 1000) {
        fprintf(stderr, "suspects_gen: need N >= 1 and 2 <= K <= 1000\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/samples.csv", argv[3]);
    FILE *fs = fopen(path, "w");
    snprintf(path, sizeof path, "%s/preds.csv", argv[3]);
    FILE *fp = fopen(path, "w");
    if (!fs || !fp) {
        perror("suspects_gen");
        return 2;
    }
    static char bs[1 << 20], bp[1 << 20];
    setvbuf(fs, bs, _IOFBF, sizeof bs);
    setvbuf(fp, bp, _IOFBF, sizeof bp);
    fprintf(fs, "id,path,label,split\n");
    fprintf(fp, "id,pred");
    for (int c = 0; c < k; c++)
        fprintf(fp, ",prob:class%d", c);
    fputc('\n', fp);
    double *p = malloc((size_t)k * sizeof *p);
    for (long i = 0; i < n; i++) {
        int truth = (int)(splitmix64() % (uint64_t)k), label = truth;
        if (uniform() < 0.08)
            label = (truth + 1 + (int)(splitmix64() % (uint64_t)(k - 1))) % k;
        const char *split = i % 100 == 0 ? "dev" : i % 100 == 1 ? "test" : "train";
        fprintf(fs, "img%07ld,img/%07ld.png,class%d,%s\n", i, i, label, split);
        double sum = 0, boost = 1.5 + 3 * uniform();
        for (int c = 0; c < k; c++) {
            double score = (uniform() + uniform() + uniform() - 1.5) * 2;
            if (c == truth)
                score += boost;
            p[c] = exp(score);
            sum += p[c];
        }
        int best = 0;
        for (int c = 0; c < k; c++) {
            p[c] /= sum;
            if (p[c] > p[best])
                best = c;
        }
        fprintf(fp, "img%07ld,class%d", i, best);
        for (int c = 0; c < k; c++)
            fprintf(fp, ",%.6f", p[c]);
        fputc('\n', fp);
    }
    free(p);
    if (fclose(fs) != 0 || fclose(fp) != 0) {
        perror("suspects_gen");
        return 2;
    }
    return 0;
}
