/* near.h: pairs of 64-bit perceptual hashes within a Hamming distance, and the groups
 * they make, without comparing every pair (multi-index hashing). Free of I/O.
 *
 * The 64 bits are cut into m blocks; two hashes within distance D differ in at most
 * floor(D/m) bits in at least one block (pigeonhole). Each block has a table of the hashes
 * sorted by that block's bits; a hash looks up every block value within floor(D/m) of its
 * own, and only those candidates are compared in full. m (3 to D+1 blocks, blocks of at
 * most 22 bits) is chosen from an estimate of lookups plus candidates for n hashes. */
#ifndef EYEBALL_NEAR_H
#define EYEBALL_NEAR_H

#include <stddef.h>
#include <stdint.h>

/* Largest distance accepted. */
#define NEAR_MAX_DISTANCE 16

/* Called once for each pair i < j with distance d <= D. */
typedef void (*near_pair_fn)(void *arg, size_t i, size_t j, int d);

/* Finds the pairs among h[0..n) within distance D (0..NEAR_MAX_DISTANCE) and calls fn for
 * each; returns how many there were. *blocks, when not NULL, gets the m used. */
long long near_pairs(const uint64_t *h, size_t n, int D, near_pair_fn fn, void *arg,
                     int *blocks);

/* Groups: the connected components of the pairs (two hashes in one group may be further
 * apart than D through a chain). group[i] gets 0 for a hash with no pair, else 1, 2, ...
 * numbered in the order of each group's first member; dist[i] the distance from h[i] to its
 * group's first member (0 for that member and for hashes without a group). Returns the number
 * of groups; *pairs, when not NULL, gets the number of pairs. */
size_t near_groups(const uint64_t *h, size_t n, int D, uint32_t *group, int *dist,
                   long long *pairs);

#endif
