// The few errno values the host returns to the kernel (asm-generic numbers).

export const EFAULT = 14;
export const ENOMEM = 12;
export const ENOEXEC = 8;
export const ENOSYS = 38;
export const ENAMETOOLONG = 36;
