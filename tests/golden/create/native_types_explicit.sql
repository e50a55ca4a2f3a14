-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Natives" (
    "id" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "vc" VARCHAR NOT NULL,
    "vc10" VARCHAR(10) NOT NULL,
    "ch" CHAR NOT NULL,
    "ch5" CHAR(5) NOT NULL,
    "uuid" UUID NOT NULL,
    "xml" XML NOT NULL,
    "inet" INET NOT NULL,
    "bit" BIT NOT NULL,
    "bit8" BIT(8) NOT NULL,
    "vbit" VARBIT NOT NULL,
    "vbit5" VARBIT(5) NOT NULL,
    "small" SMALLINT NOT NULL,
    "oid" OID NOT NULL,
    "big" BIGINT NOT NULL,
    "dbl" DOUBLE PRECISION NOT NULL,
    "real" REAL NOT NULL,
    "dec" DECIMAL NOT NULL,
    "dec65" DECIMAL(65,30) NOT NULL,
    "dec52" DECIMAL(5,2) NOT NULL,
    "money" MONEY NOT NULL,
    "ts" TIMESTAMP NOT NULL,
    "ts0" TIMESTAMP(0) NOT NULL,
    "ts3" TIMESTAMP(3) NOT NULL,
    "tstz" TIMESTAMPTZ NOT NULL,
    "tstz0" TIMESTAMPTZ(0) NOT NULL,
    "date" DATE NOT NULL,
    "time" TIME NOT NULL,
    "time6" TIME(6) NOT NULL,
    "timetz" TIMETZ NOT NULL,
    "timetz3" TIMETZ(3) NOT NULL,
    "json" JSON NOT NULL,
    "jsonb" JSONB NOT NULL,
    "bytea" BYTEA NOT NULL,
    "bool" BOOLEAN NOT NULL,

    CONSTRAINT "Natives_pkey" PRIMARY KEY ("id")
);
