/* shale_code.h - the return codes of every shale function, in the runtime library
 * (libshale) and the compiler alike: 0 for success, a negative SHALE_E* for failure.
 * One list, so an error travels from the migration engine to a program unchanged. */
#ifndef SHALE_RUNTIME_SHALE_CODE_H
#define SHALE_RUNTIME_SHALE_CODE_H

enum {
    SHALE_OK = 0,
    SHALE_ENOMEM = -1,     /* out of memory */
    SHALE_EIO = -2,        /* a file could not be read or written */
    SHALE_EINVAL = -3,     /* bad argument or input outside the supported limits */
    SHALE_ENOTFOUND = -4,  /* no such row (Prisma P2025) or object */
    SHALE_ENOENT = -5,     /* something needed is missing: a setting, a file, a program */
    SHALE_ECONN = -6,      /* the server could not be reached, refused us, or went away */
    SHALE_ETOOL = -7,      /* a program shale runs (initdb, pg_ctl) failed */
    SHALE_EUNIQUE = -8,    /* unique violation, SQLSTATE 23505 (Prisma P2002) */
    SHALE_EFOREIGN = -9,   /* foreign key violation, 23503 (Prisma P2003) */
    SHALE_ENOTNULL = -10,  /* not-null violation, 23502 */
    SHALE_ECHECK = -11,    /* check violation, 23514 */
    SHALE_ESERIALIZE = -12, /* serialization failure or deadlock, 40001 / 40P01 */
    SHALE_EDB = -13,       /* any other error PostgreSQL reported */
};

#endif
