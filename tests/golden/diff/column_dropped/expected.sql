-- AlterTable
ALTER TABLE "User" DROP COLUMN "name";
