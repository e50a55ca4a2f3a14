-- AlterTable
ALTER TABLE "Item" DROP COLUMN "color",
ADD COLUMN     "color" TEXT NOT NULL;
