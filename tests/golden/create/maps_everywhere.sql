-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "status_t" AS ENUM ('active', 'disabled');

-- CreateTable
CREATE TABLE "accounts" (
    "account_id" INTEGER NOT NULL,
    "email_address" TEXT NOT NULL,
    "status" "status_t" NOT NULL DEFAULT 'active',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "pk_account" PRIMARY KEY ("account_id")
);

-- CreateTable
CREATE TABLE "posts" (
    "post_id" INTEGER NOT NULL,
    "account_id" INTEGER NOT NULL,

    CONSTRAINT "posts_pkey" PRIMARY KEY ("post_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "uq_account_email" ON "accounts"("email_address");

-- CreateIndex
CREATE INDEX "ix_account_created" ON "accounts"("created_at");

-- AddForeignKey
ALTER TABLE "posts" ADD CONSTRAINT "fk_post_account" FOREIGN KEY ("account_id") REFERENCES "accounts"("account_id") ON DELETE RESTRICT ON UPDATE CASCADE;
