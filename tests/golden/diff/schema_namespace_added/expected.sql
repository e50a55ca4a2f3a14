-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "other";

-- CreateTable
CREATE TABLE "other"."Audit" (
    "id" INTEGER NOT NULL,

    CONSTRAINT "Audit_pkey" PRIMARY KEY ("id")
);
