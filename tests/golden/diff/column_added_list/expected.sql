-- AlterTable
ALTER TABLE "User" ADD COLUMN     "lucky" INTEGER[],
ADD COLUMN     "tags" TEXT[];
