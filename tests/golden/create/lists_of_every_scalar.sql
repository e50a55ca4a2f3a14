-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Color" AS ENUM ('RED', 'GREEN');

-- CreateTable
CREATE TABLE "Lists" (
    "id" INTEGER NOT NULL,
    "s" TEXT[],
    "b" BOOLEAN[] DEFAULT ARRAY[true]::BOOLEAN[],
    "i" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "bi" BIGINT[] DEFAULT ARRAY[1, 2]::BIGINT[],
    "f" DOUBLE PRECISION[],
    "d" DECIMAL(65,30)[],
    "dt" TIMESTAMP(3)[],
    "j" JSONB[],
    "by" BYTEA[],
    "colors" "Color"[] DEFAULT ARRAY['RED', 'GREEN']::"Color"[],
    "v" VARCHAR(10)[],

    CONSTRAINT "Lists_pkey" PRIMARY KEY ("id")
);
