/*
 * isa-parallel and the -parallel back end table.
 */
#ifndef HW_CHAR_PARALLEL_H
#define HW_CHAR_PARALLEL_H

#include "chardev/char.h"

#define TYPE_ISA_PARALLEL "isa-parallel"
#define MAX_PARALLEL_PORTS 3

typedef struct ISABus ISABus;

/* The chardev of LPT(i+1) from -parallel, or NULL. */
Chardev *parallel_hd(int i);
/* Add the next -parallel back end ("none" keeps the slot empty). */
bool parallel_hds_add(const char *devname);
/* The I/O base of LPT(i+1) as created from -parallel. */
uint16_t parallel_iobase(int i);
/* Create isa-parallel devices for the first @n -parallel back ends. */
void parallel_hds_isa_init(ISABus *bus, int n);

#endif
