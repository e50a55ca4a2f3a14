-- AlterTable
ALTER TABLE "User" DROP COLUMN "first_name",
ADD COLUMN     "given_name" TEXT NOT NULL;
