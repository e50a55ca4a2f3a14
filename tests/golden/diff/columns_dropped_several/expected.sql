-- AlterTable
ALTER TABLE "User" DROP COLUMN "active",
DROP COLUMN "age",
DROP COLUMN "bio",
DROP COLUMN "mood",
DROP COLUMN "zip";
