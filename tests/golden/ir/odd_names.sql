-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "en"um" AS ENUM ('it's', 'q"x', 'sp ace');

-- CreateTable
CREATE TABLE "ta"ble x" (
    "i"d" INTEGER NOT NULL,
    "e" "en"um" NOT NULL DEFAULT 'it''s',
    "el" "en"um"[] DEFAULT ARRAY['it''s', 'q"x']::"en"um"[],
    "c'ol" TEXT NOT NULL DEFAULT 'q"uote\back
new',
    "ünï" TEXT NOT NULL,

    CONSTRAINT "ta"ble x_pkey" PRIMARY KEY ("i"d")
);

-- CreateIndex
CREATE UNIQUE INDEX "ta"ble x_ünï_key" ON "ta"ble x"("ünï");
