-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "NativeLists" (
    "id" UUID NOT NULL,
    "codes" CHAR(2)[],
    "ips" INET[],
    "ids" UUID[],
    "small" SMALLINT[],
    "reals" REAL[],
    "money" MONEY[],
    "days" DATE[],
    "times" TIMETZ(2)[],
    "docs" JSON[],
    "note" VARCHAR(200),
    "when" TIMESTAMPTZ(3),
    "flag" BOOLEAN NOT NULL DEFAULT false,
    "ratio" REAL NOT NULL DEFAULT 0.5,
    "price" DECIMAL(8,2) NOT NULL DEFAULT 9.99,
    "label" VARCHAR(16) NOT NULL DEFAULT 'n/a',
    "uid" UUID NOT NULL DEFAULT gen_random_uuid(),

    CONSTRAINT "NativeLists_pkey" PRIMARY KEY ("id")
);
