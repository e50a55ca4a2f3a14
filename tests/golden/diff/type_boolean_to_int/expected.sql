-- AlterTable
ALTER TABLE "Item" DROP COLUMN "flag",
ADD COLUMN     "flag" INTEGER NOT NULL;
