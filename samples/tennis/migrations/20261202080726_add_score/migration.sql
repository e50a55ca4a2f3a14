-- AlterTable
ALTER TABLE "Match" ADD COLUMN     "score" JSONB;
