/*
 * A minimal HotSpot disassembler plugin for JDK 17 over GNU libopcodes (binutils 2.40): the entry point JDK 17 calls,
 * decode_instructions_virtual, which Debian's libhsdis0-fcml does not export (with it JDK 17 prints hex only).
 * Build and install (src/bench/SPEED.md, Reading C2's code):
 *   apt-get install binutils-dev
 *   gcc -O2 -shared -fPIC -o hsdis-amd64.so scripts/c2asm/hsdis.c -lopcodes -lbfd
 *   ln -sf "$PWD/hsdis-amd64.so" /usr/lib/jvm/java-17-openjdk-amd64/lib/hsdis-amd64.so
 * (that link pointed at /usr/lib/x86_64-linux-gnu/libhsdis.so.0, the fcml plugin). Then
 *   java -XX:+UnlockDiagnosticVMOptions -XX:CompileCommand=print,neuralglm.linalg.RowKernels::* ...
 * Options: -XX:PrintAssemblyOptions=intel for Intel syntax. binutils 2.40's init_disassemble_info takes a styled
 * printer as well; both go to the JVM's printf callback here.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <dis-asm.h>

typedef void* (*event_cb)(void*, const char*, void*);
typedef int (*printf_cb)(void*, const char*, ...);

struct app { event_cb ev; void* evs; printf_cb pf; void* pfs; };
static struct app* cur;

static int styled(void* s, enum disassembler_style st, const char* fmt, ...) {
  char buf[512]; va_list ap; va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap); va_end(ap);
  return cur->pf(cur->pfs, "%s", buf);
}
static int plain(void* s, const char* fmt, ...) {
  char buf[512]; va_list ap; va_start(ap, fmt);
  vsnprintf(buf, sizeof buf, fmt, ap); va_end(ap);
  return cur->pf(cur->pfs, "%s", buf);
}
static void print_addr(bfd_vma a, struct disassemble_info* info) {
  if (cur->ev(cur->evs, "addr", (void*)(uintptr_t)a) == NULL)
    cur->pf(cur->pfs, "0x%lx", (unsigned long)a);
}

void* decode_instructions_virtual(uintptr_t start_va, uintptr_t end_va,
                                  unsigned char* buffer, uintptr_t length,
                                  event_cb ev, void* evs, printf_cb pf, void* pfs,
                                  const char* options, int newline) {
  struct app a = { ev, evs, pf, pfs };
  struct app* saved = cur; cur = &a;
  struct disassemble_info info;
  init_disassemble_info(&info, pfs, (fprintf_ftype) plain, styled);
  info.arch = bfd_arch_i386;
  info.mach = bfd_mach_x86_64;
  info.buffer = buffer;
  info.buffer_vma = start_va;
  info.buffer_length = length;
  info.read_memory_func = buffer_read_memory;
  info.print_address_func = print_addr;
  if (options && strstr(options, "intel")) info.disassembler_options = "intel";
  disassemble_init_for_target(&info);
  disassembler_ftype dis = disassembler(bfd_arch_i386, 0, bfd_mach_x86_64, NULL);
  ev(evs, "insns", (void*)start_va);
  uintptr_t p = start_va;
  while (p < end_va) {
    ev(evs, "insn", (void*)p);
    int n = dis((bfd_vma)p, &info);
    if (n <= 0) n = 1;
    p += n;
    ev(evs, "/insn", (void*)p);
    if (newline) pf(pfs, "\n");
  }
  ev(evs, "/insns", (void*)p);
  cur = saved;
  return (void*)p;
}
