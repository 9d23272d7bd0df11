// Linux (asm-generic) errno values to WASI preview1 errno values (the
// `errno` enum of the WASI snapshot_preview1 spec), for the WASI layer.

/** WASI errno values the layer itself returns. */
export const WASI = Object.freeze({ SUCCESS: 0, BADF: 8, FAULT: 21, INVAL: 28, NOMEM: 48, NOSYS: 52 });

// Linux errno -> WASI errno, by name: [linux, wasi].
const PAIRS = [
  [1, 63], [2, 44], [3, 71], [4, 27], [5, 29], [6, 60], [7, 1], [8, 45], [9, 8],   // EPERM..EBADF
  [10, 12], [11, 6], [12, 48], [13, 2], [14, 21], [16, 10], [17, 20], [18, 75],   // ECHILD..EXDEV
  [19, 43], [20, 54], [21, 31], [22, 28], [23, 41], [24, 33], [25, 59], [26, 74], // ENODEV..ETXTBSY
  [27, 22], [28, 51], [29, 70], [30, 69], [31, 34], [32, 64], [33, 18], [34, 68], // EFBIG..ERANGE
  [35, 16], [36, 37], [37, 46], [38, 52], [39, 55], [40, 32], [42, 49], [43, 24],  // EDEADLK..EIDRM
  [67, 47], [71, 65], [72, 36], [74, 9], [75, 61], [84, 25], [88, 57], [89, 17],   // ENOLINK..EDESTADDRREQ
  [90, 35], [91, 67], [92, 50], [93, 66], [95, 58], [97, 5], [98, 3], [99, 4],     // EMSGSIZE..EADDRNOTAVAIL
  [100, 38], [101, 40], [102, 39], [103, 13], [104, 15], [105, 42], [106, 30],    // ENETDOWN..EISCONN
  [107, 53], [110, 73], [111, 14], [113, 23], [114, 7], [115, 26], [116, 72],     // ENOTCONN..ESTALE
  [122, 19], [125, 11], [130, 62], [131, 56],                                      // EDQUOT..ENOTRECOVERABLE
];
const MAP = new Map(PAIRS);

/**
 * The WASI errno for Linux errno `e` (a positive number); EIO for a value
 * WASI has no name for.
 * @param {number} e
 */
export function wasiErrno(e) {
  return MAP.get(e) ?? 29;
}
