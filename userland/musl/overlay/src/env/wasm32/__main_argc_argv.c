/* wasm32: crt1 calls __main_argc_argv, clang's name for main(argc, argv);
   a program whose main takes no parameters defines __main_void instead,
   and this member of libc.a bridges the two. */
#include "libc.h"

int __main_void(void);

static int main_void(int argc, char **argv)
{
	return __main_void();
}

weak_alias(main_void, __main_argc_argv);
