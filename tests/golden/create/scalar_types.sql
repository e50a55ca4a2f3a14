-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Scalars" (
    "id" INTEGER NOT NULL,
    "s" TEXT NOT NULL,
    "sOpt" TEXT,
    "b" BOOLEAN NOT NULL,
    "bOpt" BOOLEAN,
    "i" INTEGER NOT NULL,
    "iOpt" INTEGER,
    "bi" BIGINT NOT NULL,
    "biOpt" BIGINT,
    "f" DOUBLE PRECISION NOT NULL,
    "fOpt" DOUBLE PRECISION,
    "d" DECIMAL(65,30) NOT NULL,
    "dOpt" DECIMAL(65,30),
    "dt" TIMESTAMP(3) NOT NULL,
    "dtOpt" TIMESTAMP(3),
    "j" JSONB NOT NULL,
    "jOpt" JSONB,
    "by" BYTEA NOT NULL,
    "byOpt" BYTEA,

    CONSTRAINT "Scalars_pkey" PRIMARY KEY ("id")
);
