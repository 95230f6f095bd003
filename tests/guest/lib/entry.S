/*
 * Entry code for the test guests: multiboot v1 header, the 32-bit entry
 * point, our own GDT, interrupt stubs and the real-mode AP trampoline.
 */
#define MB_MAGIC    0x1badb002
#define MB_FLAGS    0x00000003   /* page-align modules, want memory info */

#define SEL_CODE32  0x08
#define SEL_DATA32  0x10

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC
    .long MB_FLAGS
    .long -(MB_MAGIC + MB_FLAGS)

    .section .text.entry, "ax"
    .code32
    .globl _start
_start:
    cli
    cld
    /* The loader's GDT may be anywhere: switch to ours before anything. */
    lgdtl gdt_desc
    ljmpl $SEL_CODE32, $1f
1:  movl $SEL_DATA32, %ecx
    movl %ecx, %ds
    movl %ecx, %es
    movl %ecx, %fs
    movl %ecx, %gs
    movl %ecx, %ss
    movl $bsp_stack_top, %esp
    pushl %ebx                  /* multiboot info */
    pushl %eax                  /* multiboot magic */
    call guest_start
2:  cli
    hlt
    jmp 2b

/*
 * Interrupt stubs, 16 bytes each: stub N pushes N and joins the common
 * path.  iret from 32-bit protected mode is not usable on every host
 * (some software KVMs stop with an internal error), so by default the
 * return path rearranges the frame into [eflags, eip] and uses popf; ret,
 * which is equivalent for a same-privilege interrupt.
 */
    .text
    .align 16
    .globl intr_stubs
intr_stubs:
    vector = 0
    .rept 256
    .align 16
    pushl $vector
    jmp intr_common
    vector = vector + 1
    .endr

intr_common:                    /* stack: vector, eip, cs, eflags */
    pushal
    cld
    movl 32(%esp), %eax
    pushl %eax
    call intr_dispatch
    addl $4, %esp
    popal
    cmpl $0, intr_use_iret
    jne 3f
    movl %eax, 0(%esp)          /* stack: eax, eip, cs, eflags */
    movl 4(%esp), %eax
    xchgl %eax, 12(%esp)        /* eflags slot <- eip */
    movl %eax, 8(%esp)          /* cs slot <- eflags */
    popl %eax
    addl $4, %esp               /* stack: eflags, eip */
    popfl
    ret
3:  addl $4, %esp
    iret

/*
 * AP start-up.  ap_tramp_start..ap_tramp_end is copied to a 4 KiB aligned
 * page below 1 MiB and entered in real mode with CS = page >> 4, IP = 0.
 */
    .globl ap_tramp_start, ap_tramp_end
    .code16
ap_tramp_start:
    cli
    cld
    lgdtl %cs:(ap_gdt_desc - ap_tramp_start)
    movl %cr0, %eax
    orl $1, %eax
    movl %eax, %cr0
    ljmpl $SEL_CODE32, $ap_entry32
    .align 4
ap_gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt
ap_tramp_end:

    .code32
ap_entry32:
    movl $SEL_DATA32, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %fs
    movl %eax, %gs
    movl %eax, %ss
    movl $1, %eax
    lock xaddl %eax, ap_stack_next
    incl %eax
    shll $12, %eax              /* 4 KiB per AP */
    addl $ap_stacks, %eax
    movl %eax, %esp
    call ap_start
4:  cli
    hlt
    jmp 4b

    .data
    .align 8
gdt:
    .quad 0
    .quad 0x00cf9a000000ffff    /* 0x08: flat 32-bit code */
    .quad 0x00cf92000000ffff    /* 0x10: flat 32-bit data */
    .quad 0x00af9a000000ffff    /* 0x18: 64-bit code (longmode guest) */
gdt_end:
    .align 4
    .word 0
gdt_desc:
    .word gdt_end - gdt - 1
    .long gdt

    .globl intr_use_iret
intr_use_iret:
    .long 0
ap_stack_next:
    .long 0

    .bss
    .align 16
    .space 16384
bsp_stack_top:
    .globl ap_stacks
ap_stacks:
    .space 4096 * 16
    .section .note.GNU-stack, "", @progbits
