-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "T" (
    "id" SMALLSERIAL NOT NULL,
    "a" TEXT NOT NULL,
    "b" VARCHAR(255) NOT NULL,
    "b0" VARCHAR,
    "c" CHAR(3) NOT NULL,
    "u" UUID NOT NULL,
    "x" XML NOT NULL,
    "ine" INET NOT NULL,
    "ci" CITEXT NOT NULL,
    "bit" BIT(4) NOT NULL,
    "vb" VARBIT NOT NULL,
    "i" INTEGER NOT NULL,
    "o" OID NOT NULL,
    "bg" BIGINT NOT NULL,
    "dp" DOUBLE PRECISION NOT NULL,
    "r" REAL NOT NULL,
    "dec" DECIMAL(10,2) NOT NULL,
    "dd" DECIMAL(65,30) NOT NULL,
    "m" MONEY NOT NULL,
    "ts" TIMESTAMP(6) NOT NULL,
    "tz" TIMESTAMPTZ NOT NULL,
    "dt" DATE NOT NULL,
    "tm" TIME(2) NOT NULL,
    "ttz" TIMETZ(4) NOT NULL,
    "js" JSON NOT NULL,
    "jb" JSONB NOT NULL,
    "by" BYTEA NOT NULL,
    "bo" BOOLEAN NOT NULL,
    "decl" DECIMAL(10,2)[],
    "uns" circle[],
    "n" SERIAL NOT NULL,

    CONSTRAINT "T_pkey" PRIMARY KEY ("id")
);
