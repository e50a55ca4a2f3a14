-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "x";

-- CreateTable
CREATE TABLE "A" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "A_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "x"."B" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "B_pkey" PRIMARY KEY ("id")
);
