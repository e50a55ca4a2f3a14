-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Ids" (
    "a" TEXT NOT NULL,
    "b" UUID NOT NULL,
    "c" TEXT NOT NULL,
    "d" TEXT NOT NULL,
    "e" TEXT NOT NULL,
    "f" TEXT NOT NULL,
    "g" TEXT NOT NULL,
    "h" UUID NOT NULL DEFAULT gen_random_uuid(),
    "i" INTEGER NOT NULL,

    CONSTRAINT "Ids_pkey" PRIMARY KEY ("a")
);
