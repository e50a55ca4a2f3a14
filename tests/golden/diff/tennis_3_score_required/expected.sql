-- AlterTable
ALTER TABLE "Match" ALTER COLUMN "score" SET NOT NULL;
