-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('USER', 'admin', 'SUPER_USER');

-- CreateEnum
CREATE TYPE "Mood" AS ENUM ('HAPPY', 'SAD');

-- CreateTable
CREATE TABLE "Account" (
    "id" BIGSERIAL NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "roles" "Role"[] DEFAULT ARRAY['USER', 'admin']::"Role"[],
    "mood" "Mood",
    "s" TEXT NOT NULL DEFAULT 'it''s',
    "sl" TEXT[] DEFAULT ARRAY['a', 'b''c']::TEXT[],
    "se" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "i" INTEGER NOT NULL DEFAULT -7,
    "il" INTEGER[] DEFAULT ARRAY[1, 2, 3]::INTEGER[],
    "f" DOUBLE PRECISION NOT NULL DEFAULT 1.50,
    "d" DECIMAL(65,30) NOT NULL DEFAULT 5.6,
    "b" BOOLEAN NOT NULL DEFAULT true,
    "bl" BOOLEAN[] DEFAULT ARRAY[true, false]::BOOLEAN[],
    "j" JSONB NOT NULL DEFAULT '{"a": 1, "b": "it''s"}',
    "jl" JSONB[] DEFAULT ARRAY['{}', '[1]']::JSONB[],
    "by" BYTEA NOT NULL DEFAULT '\x68656c6c6f',
    "dt" TIMESTAMP(3) NOT NULL DEFAULT '2020-01-02 03:04:05.678 +00:00',
    "dtl" TIMESTAMP(3)[] DEFAULT ARRAY['2020-01-02 03:04:05 +02:00']::TIMESTAMP(3)[],
    "n" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "u" TEXT NOT NULL,
    "g" UUID NOT NULL DEFAULT gen_random_uuid(),
    "g2" INTEGER NOT NULL,
    "small" SMALLSERIAL NOT NULL,
    "pt" point DEFAULT point(1,2),

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);
