-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "role_t" AS ENUM ('admin', 'USER');

-- CreateTable
CREATE TABLE "a_table" (
    "id" BIGSERIAL NOT NULL,
    "small" SMALLSERIAL NOT NULL,
    "s" VARCHAR(20) NOT NULL DEFAULT 'it''s "q"',
    "c" CHAR(3),
    "b" BOOLEAN NOT NULL DEFAULT true,
    "f" DOUBLE PRECISION NOT NULL DEFAULT 1.5,
    "r" REAL NOT NULL,
    "d" DECIMAL(10,2) NOT NULL DEFAULT 2.50,
    "dd" DECIMAL(65,30) NOT NULL,
    "j" JSONB NOT NULL DEFAULT '{"a": 1}',
    "jj" JSON NOT NULL,
    "by" BYTEA NOT NULL DEFAULT '\x68656c6c6f',
    "t" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "tt" DATE NOT NULL,
    "tm" TIME(2) NOT NULL,
    "u" UUID NOT NULL,
    "gen" TEXT NOT NULL DEFAULT gen_random_uuid(),
    "tags" TEXT[] DEFAULT ARRAY['a', 'b']::TEXT[],
    "nums" INTEGER[] DEFAULT ARRAY[1, 2]::INTEGER[],
    "roles" "role_t"[] DEFAULT ARRAY['admin']::"role_t"[],
    "role" "role_t" NOT NULL DEFAULT 'USER',
    "x" circle,
    "big" BIGINT NOT NULL DEFAULT 42,
    "e" TEXT[],
    "ins" INET NOT NULL,
    "bits" BIT(3) NOT NULL,
    "m" MONEY NOT NULL,
    "oid" OID NOT NULL,
    "xml" XML NOT NULL,
    "ci" CITEXT NOT NULL,
    "ba" BYTEA NOT NULL,
    "dt" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-01 00:00:00 +00:00',
    "emp" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "a_table_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoPk" (
    "k" TEXT NOT NULL
);

-- CreateIndex
CREATE INDEX "a_table_s_c_idx" ON "a_table"("s" DESC, "c");

-- CreateIndex
CREATE INDEX "a_table_j_idx" ON "a_table" USING GIN ("j" jsonb_path_ops);

-- CreateIndex
CREATE INDEX "a_table_s_idx" ON "a_table" USING HASH ("s");

-- CreateIndex
CREATE INDEX "custom_brin" ON "a_table" USING BRIN ("tt");

-- CreateIndex
CREATE UNIQUE INDEX "uniq_bf" ON "a_table"("b", "f");

-- CreateIndex
CREATE UNIQUE INDEX "NoPk_k_key" ON "NoPk"("k");
