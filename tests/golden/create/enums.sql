-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "shirt_size" AS ENUM ('s', 'm', 'l');

-- CreateEnum
CREATE TYPE "Color" AS ENUM ('red', 'Green', 'BLUE');

-- CreateEnum
CREATE TYPE "Unused" AS ENUM ('A', 'B');

-- CreateTable
CREATE TABLE "Shirt" (
    "id" INTEGER NOT NULL,
    "size" "shirt_size" NOT NULL DEFAULT 'm',
    "color" "Color" NOT NULL DEFAULT 'Green',
    "colors" "Color"[] DEFAULT ARRAY['red', 'BLUE']::"Color"[],
    "sizes" "shirt_size"[] DEFAULT ARRAY['s', 'l']::"shirt_size"[],
    "maybe" "Color",

    CONSTRAINT "Shirt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Palette" (
    "color" "Color" NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "Palette_pkey" PRIMARY KEY ("color")
);

-- CreateIndex
CREATE UNIQUE INDEX "Shirt_size_color_key" ON "Shirt"("size", "color");
