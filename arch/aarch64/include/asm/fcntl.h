/*
 * arm64's open(2) flags that differ from asm-generic (Linux moved them for
 * AArch32 compatibility); included by <janux/fcntl.h> by file presence.
 */
#ifndef ASM_FCNTL_H
#define ASM_FCNTL_H

#define O_DIRECTORY 00040000
#define O_NOFOLLOW 00100000
#define O_DIRECT 00200000
#define O_LARGEFILE 00400000

#endif
