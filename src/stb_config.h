/* stb_config.h: the one configuration of stb_image, shared by src/stb_impl.c (which
 * compiles the implementation) and src/image.c (which calls it). Include before
 * <stb_image.h>. */
#ifndef EYEBALL_STB_CONFIG_H
#define EYEBALL_STB_CONFIG_H

#define STBI_ONLY_PNG
#define STBI_ONLY_JPEG
#define STBI_NO_STDIO
#define STBI_NO_LINEAR
#define STBI_NO_HDR
/* Images wider or taller than this are refused by stb itself (image.c checks first). */
#define STBI_MAX_DIMENSIONS 16384

/* The header of one format (png: 1 PNG, 0 JPEG) read by stb: 1 with *x, *y set, or 0
 * with *why stb's short reason ("bad DHT header"). In src/stb_impl.c. */
int stb_impl_info(const unsigned char *data, int len, int png, int *x, int *y,
                  const char **why);

#endif
