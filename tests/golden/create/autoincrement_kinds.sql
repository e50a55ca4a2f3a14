-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Counter" (
    "a" SERIAL NOT NULL,
    "b" BIGSERIAL NOT NULL,
    "c" SMALLSERIAL NOT NULL,

    CONSTRAINT "Counter_pkey" PRIMARY KEY ("a","b")
);
