/* wasm32 setjmp/longjmp: the run-time half of clang's Emscripten-style
   lowering (-mllvm -enable-emscripten-sjlj, docs/wasm32-abi.md). The
   compiler turns each setjmp() call into saveSetjmp() and each call that
   may longjmp into a host invoke_* wrapper; longjmp records its target in
   __THREW__/__threwValue and throws through janux.longjmp(), the wrapper
   catches it and the lowered caller finds its label with testSetjmp(). */
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include "atomic.h"

void __janux_longjmp_throw(void)
	__attribute__((__import_module__("janux"), __import_name__("longjmp"),
		       __noreturn__));

/* Read by the lowered code after every invoke_* call; the compiler declares
   them thread-local (local-exec) when atomics are on. */
_Thread_local uintptr_t __THREW__;
_Thread_local int __threwValue;
static _Thread_local int temp_ret0;

int getTempRet0(void)
{
	return temp_ret0;
}

void setTempRet0(int v)
{
	temp_ret0 = v;
}

/* A table is `size` (id, label) pairs, ended by id 0; the lowered function
   allocates it (malloc) and frees it on return. Gives env a new id, records
   it with `label` and returns the (possibly moved) table; the new size goes
   out through setTempRet0. */
uint32_t *saveSetjmp(unsigned long *env, uint32_t label, uint32_t *table,
		     uint32_t size)
{
	static volatile int next_id;
	uint32_t id = a_fetch_add(&next_id, 1) + 1, i;

	env[0] = id;
	for (i = 0; i < size && table[2*i]; i++);
	if (i == size) {
		uint32_t *t = realloc(table, (2*size + 1) * 2 * sizeof *t);
		if (!t) a_crash();
		table = t;
		size *= 2;
	}
	table[2*i] = id;
	table[2*i+1] = label;
	table[2*i+2] = 0;
	setTempRet0(size);
	return table;
}

/* The label recorded for setjmp id `id` in this table, 0 if none. */
uint32_t testSetjmp(uint32_t id, const uint32_t *table, uint32_t size)
{
	uint32_t i;
	for (i = 0; i < size && table[2*i]; i++)
		if (table[2*i] == id) return table[2*i+1];
	return 0;
}

/* What a call of longjmp() becomes in lowered code. */
_Noreturn void emscripten_longjmp(uintptr_t env, int val)
{
	__THREW__ = env;
	__threwValue = val ? val : 1;
	__janux_longjmp_throw();
}

/* longjmp called from code built without the lowering, or by address. */
_Noreturn void longjmp(jmp_buf env, int val)
{
	emscripten_longjmp((uintptr_t)env, val);
}

weak_alias(longjmp, _longjmp);
