/*
 * PVH entry for a test guest: the Xen PHYS32_ENTRY note, and an entry
 * point that keeps the hvm_start_info pointer (EBX) and enters the
 * common start-up as a multiboot loader would, with the PVH command line.
 */
#define XEN_ELFNOTE_PHYS32_ENTRY 18
#define MB_MAGIC_LOADER 0x2badb002
#define MBI_FLAG_CMDLINE 4

    .section .note.Xen, "a", @note
    .align 4
    .long 4                     /* namesz: "Xen\0" */
    .long 4                     /* descsz */
    .long XEN_ELFNOTE_PHYS32_ENTRY
    .asciz "Xen"
    .long pvh_start

    .text
    .code32
    .globl pvh_start
pvh_start:
    movl %ebx, pvh_start_info
    movl 24(%ebx), %eax         /* cmdline_paddr (low half) */
    movl %eax, pvh_mbi + 16
    movl $MBI_FLAG_CMDLINE, pvh_mbi
    movl $pvh_mbi, %ebx
    movl $MB_MAGIC_LOADER, %eax
    jmp _start

    .data
    .align 4
    .globl pvh_start_info
pvh_start_info:
    .long 0
pvh_mbi:
    .fill 13, 4, 0

    .section .note.GNU-stack, "", @progbits
