-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Place" (
    "id" INTEGER NOT NULL,
    "location" point,
    "area" polygon,
    "secret" TEXT NOT NULL,

    CONSTRAINT "Place_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Legacy" (
    "id" INTEGER NOT NULL,
    "data" TEXT NOT NULL,

    CONSTRAINT "Legacy_pkey" PRIMARY KEY ("id")
);
