// The cheapest program there is (x86-64 Linux): exits 0 at once, without a dynamic
// loader or a C library. bench/spawn-overhead.sh runs it as every tool's task with
// NOOP=static, to see what each tool costs around a spawn where a spawn is cheap (a
// dynamically linked `true` pays ~30 system calls and dozens of page faults to start,
// which on a VM with slow page faults hides everything else).
//   cc -O2 -static -nostdlib -o noop-exit bench/noop-exit.c
void _start(void) { __asm__ volatile("mov $60, %eax\n xor %edi, %edi\n syscall"); }
