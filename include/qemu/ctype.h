/*
 * Locale-independent <ctype.h>: the is*() functions of the C library
 * depend on the locale and take an int that must be an unsigned char
 * value, both of which cause bugs when parsing user input.
 */
#ifndef QEMU_CTYPE_H
#define QEMU_CTYPE_H

#define qemu_isalnum(c)  g_ascii_isalnum((unsigned char)(c))
#define qemu_isalpha(c)  g_ascii_isalpha((unsigned char)(c))
#define qemu_iscntrl(c)  g_ascii_iscntrl((unsigned char)(c))
#define qemu_isdigit(c)  g_ascii_isdigit((unsigned char)(c))
#define qemu_isgraph(c)  g_ascii_isgraph((unsigned char)(c))
#define qemu_islower(c)  g_ascii_islower((unsigned char)(c))
#define qemu_isprint(c)  g_ascii_isprint((unsigned char)(c))
#define qemu_ispunct(c)  g_ascii_ispunct((unsigned char)(c))
#define qemu_isspace(c)  g_ascii_isspace((unsigned char)(c))
#define qemu_isupper(c)  g_ascii_isupper((unsigned char)(c))
#define qemu_isxdigit(c) g_ascii_isxdigit((unsigned char)(c))
#define qemu_tolower(c)  g_ascii_tolower((unsigned char)(c))
#define qemu_toupper(c)  g_ascii_toupper((unsigned char)(c))
#define qemu_isascii(c)  (((c) & ~0x7f) == 0)
#define qemu_toascii(c)  ((c) & 0x7f)

#endif
