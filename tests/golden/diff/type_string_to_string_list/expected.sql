-- AlterTable
ALTER TABLE "Item" DROP COLUMN "tag",
ADD COLUMN     "tag" TEXT[];
