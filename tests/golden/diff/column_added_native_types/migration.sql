/*
  Warnings:

  - Added the required column `balance` to the `User` table without a default value. This is not possible if the table is not empty.
  - Added the required column `nick` to the `User` table without a default value. This is not possible if the table is not empty.
  - Added the required column `seenAt` to the `User` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "at" TIME(3),
ADD COLUMN     "balance" DECIMAL(12,2) NOT NULL,
ADD COLUMN     "bits" VARBIT(8),
ADD COLUMN     "blob" BYTEA,
ADD COLUMN     "born" DATE,
ADD COLUMN     "code" CHAR(4),
ADD COLUMN     "ext" UUID,
ADD COLUMN     "ip" INET,
ADD COLUMN     "meta" JSONB,
ADD COLUMN     "money" MONEY,
ADD COLUMN     "nick" VARCHAR(30) NOT NULL,
ADD COLUMN     "ratio" REAL,
ADD COLUMN     "seenAt" TIMESTAMPTZ(6) NOT NULL,
ADD COLUMN     "small" SMALLINT,
ADD COLUMN     "xml" XML;
