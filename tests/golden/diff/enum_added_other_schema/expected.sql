-- CreateEnum
CREATE TYPE "other"."Level" AS ENUM ('INFO', 'ERROR');

-- AlterTable
ALTER TABLE "other"."Log" ADD COLUMN     "level" "other"."Level" NOT NULL DEFAULT 'INFO';
