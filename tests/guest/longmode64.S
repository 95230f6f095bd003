/*
 * Long mode round trip for the longmode guest: enter IA-32e mode with the
 * page tables and IDT the C side built, run 64-bit code (64-bit
 * arithmetic and PIT interrupts returning with
 * iretq), then go back through compatibility mode to 32-bit protected
 * mode with paging off (SDM vol. 3, 9.8.5 and 9.8.5.4).
 */
#define SEL_CODE32  0x08
#define SEL_DATA32  0x10
#define SEL_CODE64  0x18
#define MSR_EFER    0xc0000080

    .data
    .align 8
    .globl lm_idt_desc, lm_result, lm_ticks, lm_want_ticks
lm_idt_desc:
    .word 0
    .quad 0
    .align 8
lm_result:
    .quad 0
lm_ticks:
    .long 0
lm_want_ticks:
    .long 0
saved_idt:
    .word 0
    .long 0

    .text
    .code32
    /* void long_mode_run(uint32_t pml4) */
    .globl long_mode_run
long_mode_run:
    pushl %ebp
    movl %esp, %ebp
    pushl %ebx
    pushl %esi
    pushl %edi
    sidtl saved_idt
    movl 8(%ebp), %eax
    movl %eax, %cr3
    movl %cr4, %eax
    orl $0x20, %eax             /* PAE */
    movl %eax, %cr4
    movl $MSR_EFER, %ecx
    rdmsr
    orl $0x100, %eax            /* LME */
    wrmsr
    movl %cr0, %eax
    orl $0x80000000, %eax       /* PG: activates long mode */
    movl %eax, %cr0
    ljmpl $SEL_CODE64, $1f

    .code64
1:  lidt lm_idt_desc(%rip)
    call lm_body
    /* back to compatibility mode, then out of long mode */
    pushq $SEL_CODE32
    leaq 2f(%rip), %rax
    pushq %rax
    lretq

    .code32
2:  movl %cr0, %eax
    andl $0x7fffffff, %eax
    movl %eax, %cr0
    movl $MSR_EFER, %ecx
    rdmsr
    andl $~0x100, %eax
    wrmsr
    movl %cr4, %eax
    andl $~0x20, %eax
    movl %eax, %cr4
    lidtl saved_idt
    popl %edi
    popl %esi
    popl %ebx
    popl %ebp
    ret

    .code64
lm_body:
    /* 64-bit arithmetic on the extended registers */
    movabsq $0x0123456789abcdef, %r8
    movabsq $0xfedcba9876543210, %r9
    movq %r8, %r10
    imulq %r9, %r10             /* low 64 bits of the product */
    rolq $13, %r10
    xorq %r9, %r10
    addq %r8, %r10
    movq %r10, lm_result(%rip)
    /*
     * No software interrupt here: "int n" stops some software KVMs with
     * an emulation failure, in long mode as well.
     */
    /* PIT interrupts, bounded wait */
    sti
    movl $3000000, %ecx
3:  movl lm_ticks(%rip), %eax
    cmpl lm_want_ticks(%rip), %eax
    jae 4f
    pause
    decl %ecx
    jnz 3b
4:  cli
    ret

    .globl lm_timer_handler, lm_fault_handler
lm_timer_handler:
    pushq %rax
    lock incl lm_ticks(%rip)
    movb $0x20, %al
    outb %al, $0x20             /* PIC EOI */
    popq %rax
    iretq

lm_fault_handler:               /* any other vector: exit code 2 */
    movb $2, %al
    outb %al, $0xf4
5:  cli
    hlt
    jmp 5b

    .section .note.GNU-stack, "", @progbits
