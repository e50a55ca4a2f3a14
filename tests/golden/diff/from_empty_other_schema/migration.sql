-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "other";

-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "other"."Kind" AS ENUM ('A', 'B');

-- CreateTable
CREATE TABLE "other"."Item" (
    "id" INTEGER NOT NULL,
    "kind" "other"."Kind" NOT NULL,

    CONSTRAINT "Item_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Owner" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Owner_pkey" PRIMARY KEY ("id")
);
