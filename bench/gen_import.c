/* gen_import.c: writes the benchmark's input files, fast and deterministic.
 *
 *   gen_import ROWS SAMPLES.csv PREDS.csv
 *
 * SAMPLES.csv: id,path,label,split,source,camera with 10 classes; dev and test get 1%
 * each (capped at 10,000), the rest is train, as the split rule does at a million rows.
 * PREDS.csv: id,pred,confidence,prob:<label> x 10; each row a softmax of random logits,
 * printed with 6 decimals (rows sum to 1 within 1e-5). Random numbers: splitmix64. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NCLASS 10

static const char *const classes[NCLASS] = {"airplane", "bird", "boat", "car", "cat",
                                             "deer", "dog", "frog", "horse", "truck"};
static const char *const cameras[4] = {"canon-eos", "iphone-13", "pixel-7", "scanner"};

/* splitmix64 (Steele, Lea, Flood 2014): a 64-bit state advanced by a Weyl constant. */
static uint64_t rng_state = 0x0123456789abcdefULL;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double rng_unit(void)
{
    return (double)(rng_next() >> 11) * 0x1.0p-53;
}

/* Appends v (0 <= v < 1) as "0.dddddd" to p; returns the new end. Faster than printf. */
static char *put_prob(char *p, long micro)
{
    if (micro >= 1000000) {
        memcpy(p, "1.000000", 8);
        return p + 8;
    }
    p[0] = '0';
    p[1] = '.';
    for (int i = 7; i >= 2; i--) {
        p[i] = (char)('0' + micro % 10);
        micro /= 10;
    }
    return p + 8;
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: gen_import ROWS SAMPLES.csv PREDS.csv\n");
        return 1;
    }
    long rows = atol(argv[1]);
    long eval = rows / 100 > 10000 ? 10000 : rows / 100;
    if (rows < 100)
        eval = rows / 5;
    FILE *fs = fopen(argv[2], "w"), *fp = fopen(argv[3], "w");
    if (!fs || !fp) {
        perror("gen_import");
        return 1;
    }
    static char sbuf[1 << 20], pbuf[1 << 20];
    setvbuf(fs, sbuf, _IOFBF, sizeof sbuf);
    setvbuf(fp, pbuf, _IOFBF, sizeof pbuf);
    fputs("id,path,label,split,source,camera\n", fs);
    fputs("id,pred,confidence", fp);
    for (int k = 0; k < NCLASS; k++)
        fprintf(fp, ",prob:%s", classes[k]);
    fputc('\n', fp);
    /* Dev and test are drawn at random positions: every step picks the split of the
     * next row so that the remaining quotas run out exactly at the end. */
    long left_dev = eval, left_test = eval;
    char line[512];
    for (long i = 0; i < rows; i++) {
        int label = (int)(rng_next() % NCLASS);
        long left = rows - i;
        uint64_t r = rng_next() % (uint64_t)left;
        const char *split = "train";
        if (r < (uint64_t)left_dev) {
            split = "dev";
            left_dev--;
        } else if (r < (uint64_t)(left_dev + left_test)) {
            split = "test";
            left_test--;
        }
        int phone = rng_next() % 4 == 0;
        const char *camera = cameras[phone ? 1 + rng_next() % 2 : (rng_next() % 2) * 3];
        fprintf(fs, "img%07ld,images/%s/img%07ld.jpg,%s,%s,%s,%s\n", i, classes[label], i,
                classes[label], split, phone ? "phone" : "web", camera);

        /* A model right about 85% of the time: the true class gets a large logit. */
        double z[NCLASS], sum = 0;
        int pred = rng_unit() < 0.85 ? label : (int)(rng_next() % NCLASS);
        for (int k = 0; k < NCLASS; k++) {
            z[k] = 2.0 * rng_unit();
            if (k == pred)
                z[k] += 3.0 + 3.0 * rng_unit();
        }
        for (int k = 0; k < NCLASS; k++)
            sum += (z[k] = exp(z[k]));
        long micro[NCLASS], total = 0;
        int best = 0;
        for (int k = 0; k < NCLASS; k++) {
            micro[k] = lround(z[k] / sum * 1e6);
            total += micro[k];
            if (micro[k] > micro[best])
                best = k;
        }
        micro[best] += 1000000 - total; /* exact sum after rounding */
        char *p = line + sprintf(line, "img%07ld,%s,", i, classes[pred]);
        p = put_prob(p, micro[pred]);
        for (int k = 0; k < NCLASS; k++) {
            *p++ = ',';
            p = put_prob(p, micro[k]);
        }
        *p++ = '\n';
        fwrite(line, 1, (size_t)(p - line), fp);
    }
    if (fclose(fs) != 0 || fclose(fp) != 0) {
        perror("gen_import");
        return 1;
    }
    return 0;
}
